"""The tutorial player's server side: fetching a tutorial's files into the learner's home."""

from .handlers import LeapTutorials, tutorial_handlers

__all__ = ["LeapTutorials", "tutorial_handlers"]
