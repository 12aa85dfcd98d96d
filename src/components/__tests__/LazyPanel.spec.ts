import { MessageLoop } from '@lumino/messaging';
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

  it('takes the keyboard focus when activated: its first text field, else itself', async () => {
    const withField = new LazyPanel('jp-Test', 'Test', async () => {
      const view = new Widget();
      view.node.innerHTML = '<button>Back</button><input type="search" aria-label="Search">';
      return view;
    });
    const plain = new LazyPanel('jp-Test', 'Test', async () => new Widget());
    for (const panel of [withField, plain]) {
      Widget.attach(panel, document.body);
      panel.activate();
      await panel.load();
      await new Promise(resolve => requestAnimationFrame(resolve));
      await new Promise(resolve => setTimeout(resolve, 0));
    }
    // the last one activated has the focus; the first put it on its search box
    expect(document.activeElement).toBe(plain.node);
    expect(plain.node.tabIndex).toBe(-1);
    withField.activate();
    await new Promise(resolve => requestAnimationFrame(resolve));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(document.activeElement).toBe(withField.node.querySelector('input'));
    // focus already inside stays there
    const back = withField.node.querySelector('button')!;
    back.focus();
    withField.activate();
    await new Promise(resolve => requestAnimationFrame(resolve));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(document.activeElement).toBe(back);
    // focus moved elsewhere while the view loaded (a dialog opened): left there
    const elsewhere = document.createElement('button');
    document.body.appendChild(elsewhere);
    const late = new LazyPanel('jp-Test', 'Test', async () => new Widget());
    Widget.attach(late, document.body);
    MessageLoop.sendMessage(late, Widget.Msg.ActivateRequest);
    elsewhere.focus();
    await late.load();
    await new Promise(resolve => requestAnimationFrame(resolve));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(document.activeElement).toBe(elsewhere);
    late.dispose();
    elsewhere.remove();
    withField.dispose();
    plain.dispose();
  });

  it('gives the focus to a text field its view shows later ("starting…" first), unless it went elsewhere', async () => {
    const frame = async () => {
      await new Promise(resolve => requestAnimationFrame(resolve));
      await new Promise(resolve => setTimeout(resolve, 0));
    };
    const view = new Widget();
    const panel = new LazyPanel('jp-Test', 'Test', async () => view);
    Widget.attach(panel, document.body);
    panel.activate();
    await panel.load();
    await frame();
    expect(document.activeElement).toBe(panel.node);
    view.node.innerHTML = '<p>Starting…</p>';
    await frame();
    expect(document.activeElement).toBe(panel.node);
    view.node.innerHTML = '<input type="search" aria-label="Search">';
    await frame();
    expect(document.activeElement).toBe(view.node.querySelector('input'));

    const other = new Widget();
    const second = new LazyPanel('jp-Test', 'Test', async () => other);
    Widget.attach(second, document.body);
    second.activate();
    await second.load();
    await frame();
    expect(document.activeElement).toBe(second.node);
    const elsewhere = document.createElement('button');
    document.body.appendChild(elsewhere);
    elsewhere.focus();
    other.node.innerHTML = '<input type="search" aria-label="Search">';
    await frame();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
    second.dispose();
    panel.dispose();
  });
});
