import { Signal } from '@lumino/signaling';
import type { ICheckOutcome } from './checks';
import type { FetchEvent, IFetchedFile, Progress, ProgressUpdate, Tutorial, TutorialsApi, TutorialStep } from './api';

/**
 * Where the file fetch stands, for the progress indicator.
 */
export interface IFetchState {
  state: 'idle' | 'fetching' | 'done' | 'error';
  done: number;
  total: number;
  message: string;
  /** Files kept because the learner changed them (shown once the fetch is done). */
  kept: IFetchedFile[];
}

/**
 * One played tutorial: the current step, check results, hints and time, saved
 * to the service after every change (one request at a time, in order). The
 * clock is injected so tests need no real time.
 */
export class PlayerModel {
  constructor(
    readonly api: TutorialsApi,
    readonly tutorial: Tutorial,
    progress: Progress,
    readonly session: string | null,
    private _now: () => number = Date.now
  ) {
    const at = tutorial.steps.findIndex(s => s.id === progress.currentStep);
    this._index = at >= 0 ? at : 0;
    this._completed = progress.completed;
    for (const step of progress.steps) {
      if (step.passed) {
        this._passed.add(step.step);
      }
      this._hints.set(step.step, step.hintsShown);
      if (step.lastResult && step.lastMessage !== null) {
        this._outcomes.set(step.step, { result: step.lastResult, message: step.lastMessage });
      }
    }
    this._since = this._now();
  }

  /** Emits after every change of what the view shows. */
  readonly changed = new Signal<this, void>(this);

  get index(): number {
    return this._index;
  }

  get step(): TutorialStep {
    return this.tutorial.steps[this._index];
  }

  get completed(): boolean {
    return this._completed;
  }

  get files(): IFetchState {
    return this._files;
  }

  /** Why the last save failed; null when saved. */
  get saveError(): string | null {
    return this._saveError;
  }

  passed(stepId: string): boolean {
    return this._passed.has(stepId);
  }

  outcome(stepId: string): ICheckOutcome | null {
    return this._outcomes.get(stepId) ?? null;
  }

  hintsShown(stepId: string): number {
    return this._hints.get(stepId) ?? 0;
  }

  /**
   * Go to step `index` (the time on the step left is saved with it).
   */
  goTo(index: number): Promise<void> {
    if (index < 0 || index >= this.tutorial.steps.length || index === this._index) {
      return Promise.resolve();
    }
    const update = this._timed();
    this._index = index;
    update.currentStep = this.step.id;
    this.changed.emit();
    return this._save(update);
  }

  /**
   * The last step's "Finish": the tutorial is completed.
   */
  finish(): Promise<void> {
    this._completed = true;
    this.changed.emit();
    return this._save({ ...this._timed(), completed: true });
  }

  revealHint(): Promise<void> {
    const shown = Math.min(this.hintsShown(this.step.id) + 1, this.step.hints.length);
    this._hints.set(this.step.id, shown);
    this.changed.emit();
    return this._save({ ...this._timed(), hintsShown: shown });
  }

  /**
   * Show a check's outcome; check runs (not `unavailable`) are saved.
   */
  recordCheck(stepId: string, outcome: ICheckOutcome): Promise<void> {
    this._outcomes.set(stepId, outcome);
    if (outcome.result === 'passed') {
      this._passed.add(stepId);
    }
    this.changed.emit();
    if (outcome.result === 'unavailable') {
      return Promise.resolve();
    }
    return this._save({
      ...this._timed(),
      check: { step: stepId, result: outcome.result, message: outcome.message.slice(0, 4000) }
    });
  }

  /**
   * Save the time spent so far (called periodically while the player is open).
   */
  saveTime(): Promise<void> {
    const update = this._timed();
    return update.secondsDelta ? this._save(update) : Promise.resolve();
  }

  /**
   * Forget this tutorial's progress (service and here); back to step 1.
   */
  async reset(): Promise<void> {
    await this._queue;
    await this.api.resetProgress(this.tutorial.id);
    this._index = 0;
    this._completed = false;
    this._passed.clear();
    this._outcomes.clear();
    this._hints.clear();
    this._since = this._now();
    this._saveError = null;
    this.changed.emit();
    if (this.session) {
      await this._save({ currentStep: this.step.id, session: this.session });
    }
  }

  /**
   * Join the class session (if any) with the first save.
   */
  start(): Promise<void> {
    return this._save({ ...this._timed(), ...(this.session ? { session: this.session } : {}) });
  }

  /**
   * Fetch the tutorial's files, following the progress in `files`.
   */
  async fetchFiles(): Promise<IFetchState> {
    this._files = { state: 'fetching', done: 0, total: 0, message: '', kept: [] };
    this.changed.emit();
    const onEvent = (event: FetchEvent): void => {
      if (event.event === 'file') {
        this._files = { ...this._files, done: event.done, total: event.total, message: event.path };
      } else if (event.event === 'listing') {
        this._files = { ...this._files, message: event.source };
      }
      this.changed.emit();
    };
    try {
      const last = await this.api.fetchFiles(this.tutorial.id, onEvent);
      this._files =
        last.event === 'done'
          ? { ...this._files, state: 'done', message: '', kept: last.files.filter(f => f.action === 'kept') }
          : { ...this._files, state: 'error', message: last.event === 'error' ? last.message : '' };
    } catch (reason) {
      this._files = { ...this._files, state: 'error', message: reason instanceof Error ? reason.message : String(reason) };
    }
    this.changed.emit();
    return this._files;
  }

  /**
   * `{currentStep, secondsDelta}` for the time since the last save (whole seconds,
   * the rest carried over; at most an hour per update, as the API allows).
   */
  private _timed(): ProgressUpdate {
    const now = this._now();
    const seconds = Math.min(3600, Math.floor((now - this._since) / 1000));
    this._since += seconds * 1000;
    if (now - this._since > 3600_000) {
      this._since = now; // away for longer than an hour: that time is not counted
    }
    return { currentStep: this.step.id, ...(seconds > 0 ? { secondsDelta: seconds } : {}) };
  }

  private _save(update: ProgressUpdate): Promise<void> {
    this._queue = this._queue.then(async () => {
      try {
        await this.api.saveProgress(this.tutorial.id, update);
        this._saveError = null;
      } catch (reason) {
        this._saveError = reason instanceof Error ? reason.message : String(reason);
      }
      this.changed.emit();
    });
    return this._queue;
  }

  private _index: number;
  private _completed: boolean;
  private _since: number;
  private _passed = new Set<string>();
  private _outcomes = new Map<string, ICheckOutcome>();
  private _hints = new Map<string, number>();
  private _files: IFetchState = { state: 'idle', done: 0, total: 0, message: '', kept: [] };
  private _saveError: string | null = null;
  private _queue: Promise<void> = Promise.resolve();
}
