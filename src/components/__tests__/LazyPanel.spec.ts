import { Widget } from '@lumino/widgets';
import { LazyPanel } from '../LazyPanel';

describe('LazyPanel', () => {
  it('makes its view once, however often it is loaded', async () => {
    const create = jest.fn(async () => new Widget());
    const panel = new LazyPanel('jp-Test', 'Test', create);
    expect(panel.hasClass('jp-Test')).toBe(true);
    expect(panel.view).toBeNull();
    const [a, b] = await Promise.all([panel.load(), panel.load()]);
    expect(a).toBe(b);
    expect(await panel.load()).toBe(a);
    expect(create).toHaveBeenCalledTimes(1);
    expect(panel.view).toBe(a);
    expect(panel.widgets).toEqual([a]);
  });

  it('tries again after a failed load', async () => {
    const create = jest
      .fn<Promise<Widget>, []>()
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockResolvedValueOnce(new Widget());
    const panel = new LazyPanel('jp-Test', 'Test', create);
    await expect(panel.load()).rejects.toThrow('chunk failed');
    expect(panel.widgets).toHaveLength(0);
    const view = await panel.load();
    expect(panel.widgets).toEqual([view]);
    expect(create).toHaveBeenCalledTimes(2);
  });
});
