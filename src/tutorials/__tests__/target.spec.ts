import { resolveTarget, targetSelectors } from '../target';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

// jsdom lays nothing out: "on screen" is whatever the test marks with data-shown
const shown = (element: Element): boolean => element.hasAttribute('data-shown');

describe('resolveTarget', () => {
  it("finds a command's toolbar button before its menu item or palette entry", () => {
    const root = page(`
      <ul><li class="lm-Menu-item" data-command="notebook:run-cell" data-shown id="menu"></li></ul>
      <div class="jp-Toolbar"><jp-button data-command="notebook:run-cell" data-shown id="button"></jp-button></div>
      <ul><li class="lm-CommandPalette-item" data-command="notebook:run-cell" data-shown id="palette"></li></ul>`);
    expect(resolveTarget(root, { command: 'notebook:run-cell' }, shown)?.id).toBe('button');
  });

  it('skips elements that are not on screen', () => {
    const root = page(`
      <div class="jp-Toolbar"><jp-button data-command="notebook:run-cell" id="hidden-tab-button"></jp-button></div>
      <ul><li class="lm-Menu-item" data-command="notebook:run-cell" data-shown id="menu"></li></ul>`);
    expect(resolveTarget(root, { command: 'notebook:run-cell' }, shown)?.id).toBe('menu');
    expect(resolveTarget(root, { command: 'notebook:save' }, shown)).toBeNull();
  });

  it('uses a documented selector as written; an invalid one matches nothing', () => {
    const root = page('<div id="jp-leap-data-library" data-shown></div>');
    expect(resolveTarget(root, { selector: '#jp-leap-data-library' }, shown)?.id).toBe('jp-leap-data-library');
    expect(resolveTarget(root, { selector: '##not a selector' }, shown)).toBeNull();
  });

  it('escapes quotes in command ids', () => {
    expect(targetSelectors({ command: 'x"] , body [a="' })[0]).toBe('.jp-Toolbar [data-command="x\\"] , body [a=\\""]');
    const root = page('<div class="jp-Toolbar"><b data-command=\'a"b\' data-shown id="q"></b></div>');
    expect(resolveTarget(root, { command: 'a"b' }, shown)?.id).toBe('q');
  });
});
