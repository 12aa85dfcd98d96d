import type { FetchEvent, Progress, ProgressUpdate, Tutorial, TutorialsApi } from '../api';
import { filterTutorials } from '../filter';
import { PlayerModel } from '../model';
import { findCellIndex, notebookPath } from '../notebook';

const step = (id: string, check = true) => ({
  id,
  title: id,
  markdown: `Do ${id}`,
  hints: ['first', 'second'],
  minutes: 2,
  ...(check ? { check: { code: 'assert True' } } : {})
});

const TUTORIAL = {
  id: 'demo',
  title: 'Demo',
  description: '',
  authors: [],
  level: 'beginner',
  duration: 6,
  tags: [],
  source: { kind: 'demo', location: 'x' },
  steps: [step('one', false), step('two'), step('three')],
  prerequisites: [],
  files: { kind: 'shipped', url: '/api/tutorials/demo/files/', files: [], dest: 'tutorials/demo' },
  importedAt: '2026-11-25T00:00:00.000Z'
} as unknown as Tutorial;

function fresh(overrides: Partial<Progress> = {}): Progress {
  return {
    tutorialId: 'demo',
    currentStep: 'one',
    steps: [],
    completed: false,
    secondsSpent: 0,
    session: null,
    startedAt: null,
    updatedAt: null,
    ...overrides
  };
}

class Api {
  saved: ProgressUpdate[] = [];
  resets = 0;
  events: FetchEvent[] = [];
  saveProgress = async (_: string, update: ProgressUpdate) => {
    this.saved.push(update);
    return fresh();
  };
  resetProgress = async () => {
    this.resets++;
  };
  fetchFiles = async (_: string, onEvent: (e: FetchEvent) => void) => {
    this.events.forEach(onEvent);
    return this.events[this.events.length - 1];
  };
}

function player(progress = fresh(), session: string | null = null) {
  const api = new Api();
  let now = 1_000_000;
  const model = new PlayerModel(api as unknown as TutorialsApi, TUTORIAL, progress, session, () => now);
  return { api, model, advance: (ms: number) => (now += ms) };
}

describe('PlayerModel', () => {
  it('resumes at the saved step with its check results and hints', () => {
    const { model } = player(
      fresh({
        currentStep: 'three',
        steps: [
          { step: 'two', attempts: 2, passed: true, lastResult: 'passed', lastMessage: 'ok', hintsShown: 1, seconds: 40 },
          { step: 'three', attempts: 1, passed: false, lastResult: 'failed', lastMessage: 'Select the region', hintsShown: 0, seconds: 5 }
        ]
      })
    );
    expect(model.index).toBe(2);
    expect(model.passed('two')).toBe(true);
    expect(model.hintsShown('two')).toBe(1);
    expect(model.outcome('three')).toEqual({ result: 'failed', message: 'Select the region' });
  });

  it('saves the step moved to with the time spent on the one left', async () => {
    const { api, model, advance } = player();
    advance(12_500);
    await model.goTo(1);
    advance(3_000);
    await model.goTo(0);
    expect(api.saved).toEqual([
      { currentStep: 'two', secondsDelta: 12 },
      { currentStep: 'one', secondsDelta: 3 } // the half second carried over is in the next delta only once whole
    ]);
  });

  it('saves check runs but not an unavailable kernel', async () => {
    const { api, model } = player(fresh({ currentStep: 'two' }));
    await model.recordCheck('two', { result: 'unavailable', message: 'No kernel' });
    await model.recordCheck('two', { result: 'failed', message: 'Not yet' });
    await model.recordCheck('two', { result: 'passed', message: 'Well done' });
    expect(api.saved.map(u => u.check)).toEqual([
      { step: 'two', result: 'failed', message: 'Not yet' },
      { step: 'two', result: 'passed', message: 'Well done' }
    ]);
    expect(model.passed('two')).toBe(true);
  });

  it('reveals hints one by one, never more than there are', async () => {
    const { api, model } = player();
    await model.revealHint();
    await model.revealHint();
    await model.revealHint();
    expect(api.saved.map(u => u.hintsShown)).toEqual([1, 2, 2]);
  });

  it('joins the class session with the first save and finishes on the last step', async () => {
    const { api, model } = player(fresh({ currentStep: 'three' }), 'ABCDEF');
    await model.start();
    await model.finish();
    expect(api.saved[0]).toMatchObject({ currentStep: 'three', session: 'ABCDEF' });
    expect(api.saved[1]).toMatchObject({ completed: true });
    expect(model.completed).toBe(true);
  });

  it('resets to step 1 and forgets results', async () => {
    const { api, model } = player(fresh({ currentStep: 'two', steps: [{ step: 'two', attempts: 1, passed: true, lastResult: 'passed', lastMessage: 'ok', hintsShown: 2, seconds: 1 }] }));
    await model.reset();
    expect(api.resets).toBe(1);
    expect(model.index).toBe(0);
    expect(model.passed('two')).toBe(false);
    expect(model.hintsShown('two')).toBe(0);
  });

  it('follows the file fetch and lists the files kept', async () => {
    const { api, model } = player();
    api.events = [
      { event: 'listing', source: 'files shipped with the tutorial', dest: 'tutorials/demo' },
      { event: 'file', done: 1, total: 2, path: 'a.ipynb', action: 'kept', reason: 'you changed it' },
      { event: 'file', done: 2, total: 2, path: 'b.csv', action: 'created' },
      {
        event: 'done',
        dest: 'tutorials/demo',
        counts: { created: 1, kept: 1 },
        files: [
          { path: 'a.ipynb', action: 'kept', reason: 'you changed it' },
          { path: 'b.csv', action: 'created' }
        ]
      }
    ];
    const seen: number[] = [];
    model.changed.connect(() => seen.push(model.files.done));
    const state = await model.fetchFiles();
    expect(state).toMatchObject({ state: 'done', done: 2, total: 2 });
    expect(state.kept.map(f => f.path)).toEqual(['a.ipynb']);
    expect(seen).toEqual([0, 0, 1, 2, 2, 2]); // started, listing, two files, done event, finished
  });

  it('shows a failed fetch with its reason', async () => {
    const { api, model } = player();
    api.events = [{ event: 'error', message: "dest '../x' resolves outside your home folder", dest: '../x' }];
    expect(await model.fetchFiles()).toMatchObject({ state: 'error', message: "dest '../x' resolves outside your home folder" });
  });
});

describe('notebooks and the list filter', () => {
  it('finds a cell by index, id or tag', () => {
    const cells = [
      { id: 'a1', tags: [] },
      { id: 'b2', tags: ['open'] },
      { id: 'open', tags: [] }
    ];
    expect(findCellIndex(cells, 1)).toBe(1);
    expect(findCellIndex(cells, 3)).toBe(-1);
    expect(findCellIndex(cells, 'open')).toBe(2); // an id wins over a tag
    expect(findCellIndex(cells, 'b2')).toBe(1);
    expect(findCellIndex([{ id: 'x', tags: ['region'] }], 'region')).toBe(0);
    expect(findCellIndex(cells, 'nope')).toBe(-1);
  });

  it("puts a step's notebook in the tutorial's folder", () => {
    expect(notebookPath('tutorials/demo/', './sst.ipynb')).toBe('tutorials/demo/sst.ipynb');
    expect(notebookPath(null, 'sst.ipynb')).toBe('sst.ipynb');
  });

  it('filters by words, level and duration', () => {
    const list = [
      { ...TUTORIAL, id: 'a', title: 'SST with xarray', level: 'beginner', duration: 15, tags: ['zarr'] },
      { ...TUTORIAL, id: 'b', title: 'Dask at scale', level: 'advanced', duration: 90, tags: ['dask'] }
    ] as any;
    expect(filterTutorials(list, { query: 'xarray zarr', level: 'any', maxMinutes: 0 }).map(t => t.id)).toEqual(['a']);
    expect(filterTutorials(list, { query: '', level: 'advanced', maxMinutes: 0 }).map(t => t.id)).toEqual(['b']);
    expect(filterTutorials(list, { query: '', level: 'any', maxMinutes: 30 }).map(t => t.id)).toEqual(['a']);
  });
});
