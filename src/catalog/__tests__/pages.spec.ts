import { ResultPages } from '../pages';
import type { DatasetSummary, SearchResult } from '../types';

function item(i: number): DatasetSummary {
  return { id: `d${i}`, title: `Dataset ${i}`, summary: '', tags: [], license: null, providers: [], source: 's', stores: 1, public: true };
}

function page(offset: number, limit: number, total: number): SearchResult {
  const items: DatasetSummary[] = [];
  for (let i = offset; i < Math.min(total, offset + limit); i++) {
    items.push(item(i));
  }
  return { total, offset, items, facets: [] };
}

const flush = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 0));

describe('ResultPages', () => {
  it('fetches only the pages in view, once each', async () => {
    const fetchPage = jest.fn((offset: number, limit: number) => Promise.resolve(page(offset, limit, 500_000)));
    const onChange = jest.fn();
    const pages = new ResultPages({ fetchPage, pageSize: 100, onChange });
    pages.reset(page(0, 100, 500_000));
    expect(pages.total).toBe(500_000);
    expect(pages.get(5)?.id).toBe('d5');
    expect(pages.get(250_000)).toBeUndefined();

    pages.ensure(250_000, 250_014);
    pages.ensure(250_001, 250_015);
    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(fetchPage).toHaveBeenCalledWith(250_000, 100);
    expect(pages.loading).toBe(true);
    await flush();
    expect(pages.get(250_007)?.id).toBe('d250007');
    expect(pages.loading).toBe(false);
    pages.ensure(250_000, 250_014);
    pages.ensure(0, 10);
    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('drops pages answered for an older query', async () => {
    let answer!: (r: SearchResult) => void;
    const fetchPage = jest.fn(() => new Promise<SearchResult>(resolve => (answer = resolve)));
    const pages = new ResultPages({ fetchPage, pageSize: 10 });
    pages.reset(page(0, 10, 1000));
    pages.ensure(500, 505);
    pages.reset(page(0, 10, 3));
    answer(page(500, 10, 1000));
    await flush();
    expect(pages.total).toBe(3);
    expect(pages.get(500)).toBeUndefined();
  });

  it('does not ask past the end; keeps the error of a failed page and retries it', async () => {
    const fetchPage = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(page(10, 10, 15));
    const pages = new ResultPages({ fetchPage, pageSize: 10 });
    pages.reset(page(0, 10, 15));
    pages.ensure(0, 100);
    expect(fetchPage).toHaveBeenCalledTimes(1);
    await flush();
    expect((pages.error as Error).message).toBe('down');
    pages.ensure(10, 15);
    await flush();
    expect(pages.get(14)?.id).toBe('d14');
  });
});
