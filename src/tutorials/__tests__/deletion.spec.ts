import { nullTranslator } from '@jupyterlab/translation';
import type { TutorialDeletion } from '../api';
import { deletionMessage } from '../deletion';

const trans = nullTranslator.load('jupyterlab_leap');

function deletion(fields: Partial<TutorialDeletion>): TutorialDeletion {
  return { id: 'sst', title: 'SST basics', progress: 'kept', learners: 0, endedSessions: [], returnsAtStart: false, ...fields };
}

describe('deletionMessage', () => {
  it('names the tutorial alone when nothing else went or stays', () => {
    expect(deletionMessage(deletion({}), trans)).toBe('Deleted “SST basics”.');
  });

  it("says whether the learners' progress was kept or deleted, with their number", () => {
    expect(deletionMessage(deletion({ learners: 1 }), trans)).toBe('Deleted “SST basics”. Progress of 1 learner kept.');
    expect(deletionMessage(deletion({ learners: 12, progress: 'deleted' }), trans)).toBe(
      'Deleted “SST basics”. Progress of 12 learners deleted.'
    );
  });

  it('counts the ended class sessions that went with it and says when the demo comes back', () => {
    expect(deletionMessage(deletion({ endedSessions: ['ABCDEF', 'GHJKLM'], returnsAtStart: true }), trans)).toBe(
      'Deleted “SST basics”. 2 ended class sessions deleted. A demo: back at the next start.'
    );
  });

  it('fits a toast (140 characters) whatever the title, which it clips', () => {
    const long = deletion({ title: 'Sea surface temperature anomalies of the North Atlantic with xarray and dask', learners: 250, endedSessions: ['ABCDEF'], returnsAtStart: true });
    const message = deletionMessage(long, trans);
    expect(message.startsWith('Deleted “Sea surface temperature anomali…”.')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(140);
  });
});
