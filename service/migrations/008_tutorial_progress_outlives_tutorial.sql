-- A deleted tutorial's learners keep their progress (DELETE /api/tutorials/{id} keeps it unless
-- asked to delete it): importing the same id again finds every learner where they were. Progress
-- rows therefore no longer need their tutorial to exist; files and class sessions still go with it.
ALTER TABLE tutorial_progress DROP CONSTRAINT tutorial_progress_tutorial_id_fkey;
