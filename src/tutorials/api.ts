import type { LeapApiClient } from '../api';
import type {
  ClassSession,
  ClassSessionList,
  Dashboard,
  Progress,
  ProgressUpdate,
  Tutorial,
  TutorialDeletion,
  TutorialList
} from 'leap-hub-service/dist/api/tutorials-schemas';

export type {
  ClassSession,
  Dashboard,
  DashboardLearner,
  DashboardStep,
  Progress,
  ProgressUpdate,
  StepProgress,
  StepTarget,
  Tutorial,
  TutorialDeletion,
  TutorialStep,
  TutorialSummary
} from 'leap-hub-service/dist/api/tutorials-schemas';

/**
 * One line of `POST leap/tutorials/fetch` (see DEVELOPING.md, Gateway).
 */
export type FetchEvent =
  | { event: 'listing'; source: string; dest: string }
  | { event: 'file'; done: number; total: number; path: string; action: FileAction; reason?: string }
  | { event: 'done'; dest: string | null; counts: Partial<Record<FileAction, number>>; files: IFetchedFile[] }
  | { event: 'error'; message: string; dest: string | null };

export type FileAction = 'created' | 'updated' | 'unchanged' | 'kept' | 'removed';

export interface IFetchedFile {
  path: string;
  action: FileAction;
  reason?: string;
}

const enc = encodeURIComponent;

/**
 * The tutorial and class-session API (typed over the shared LEAP client).
 */
export class TutorialsApi {
  constructor(readonly client: LeapApiClient) {}

  list(): Promise<TutorialList> {
    return this.client.request<TutorialList>('tutorials');
  }

  get(id: string): Promise<Tutorial> {
    return this.client.request<Tutorial>(`tutorials/${enc(id)}`);
  }

  /**
   * Delete a tutorial (admins); learners' progress is kept unless `progress` is 'delete'.
   */
  remove(id: string, progress: 'keep' | 'delete' = 'keep'): Promise<TutorialDeletion> {
    return this.client.request<TutorialDeletion>(`tutorials/${enc(id)}`, { method: 'DELETE', query: { progress } });
  }

  progress(id: string): Promise<Progress> {
    return this.client.request<Progress>(`tutorials/${enc(id)}/progress`);
  }

  saveProgress(id: string, update: ProgressUpdate): Promise<Progress> {
    return this.client.request<Progress>(`tutorials/${enc(id)}/progress`, { method: 'POST', body: update });
  }

  resetProgress(id: string): Promise<void> {
    return this.client.request<void>(`tutorials/${enc(id)}/progress`, { method: 'DELETE' });
  }

  /**
   * Fetch the tutorial's files into the learner's home; `onEvent` sees each
   * progress line. Resolves with the last event (`done` or `error`).
   */
  async fetchFiles(id: string, onEvent: (event: FetchEvent) => void): Promise<FetchEvent> {
    let last: FetchEvent | null = null;
    await this.client.postLines<FetchEvent>('tutorials/fetch', { tutorial: id }, event => {
      last = event;
      onEvent(event);
    });
    return last ?? { event: 'error', message: 'The file fetch answered nothing.', dest: null };
  }

  createSession(tutorialId: string): Promise<ClassSession> {
    return this.client.request<ClassSession>('class-sessions', { method: 'POST', body: { tutorialId } });
  }

  sessions(): Promise<ClassSessionList> {
    return this.client.request<ClassSessionList>('class-sessions');
  }

  session(code: string): Promise<ClassSession> {
    return this.client.request<ClassSession>(`class-sessions/${enc(code)}`);
  }

  endSession(code: string): Promise<ClassSession> {
    return this.client.request<ClassSession>(`class-sessions/${enc(code)}/end`, { method: 'POST' });
  }

  /**
   * The dashboard; with `after`, waits (long-poll) for a newer version.
   */
  dashboard(code: string, after?: number, wait?: number): Promise<Dashboard> {
    return this.client.request<Dashboard>(`class-sessions/${enc(code)}/dashboard`, { query: { after, wait } });
  }

  exportCsv(code: string): Promise<LeapApiClient.IDownload> {
    return this.client.download(`class-sessions/${enc(code)}/export.csv`);
  }
}
