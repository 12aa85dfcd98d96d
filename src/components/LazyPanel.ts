import type { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';

/**
 * A sidebar panel whose view's code loads on first show (or the first
 * `load()`), so that only this shell is part of JupyterLab's start-up. A load
 * that failed is tried again on the next show.
 */
/** The text fields a panel's focus goes to first. */
const FIRST_FIELD = 'input:not([type=hidden]):not([disabled]):not([type=checkbox]):not([type=radio]), textarea:not([disabled])';

export class LazyPanel<T extends Widget> extends Panel {
  /**
   * @param className - the panel's CSS class
   * @param name - what the console calls it when its code fails to load
   * @param create - imports the view's code and makes the view
   */
  constructor(
    className: string,
    private readonly _name: string,
    private readonly _create: () => Promise<T>
  ) {
    super();
    this.addClass(className);
  }

  /**
   * The view once loaded, else null.
   */
  get view(): T | null {
    return this._view;
  }

  /**
   * The view, loading its code first if needed (once, however often called).
   */
  load(): Promise<T> {
    this._loading ??= this._create().then(
      view => {
        this._view = view;
        this.addWidget(view);
        return view;
      },
      reason => {
        this._loading = null;
        throw reason;
      }
    );
    return this._loading;
  }

  /**
   * Activated (its tab, a command, the palette): the keyboard focus goes in,
   * to the view's first text field (a search box), else the panel itself,
   * so Tab continues inside it — once the view is there. Focus already
   * inside stays; focus that moved elsewhere meanwhile (a dialog, a tab
   * opened) is left alone, except JupyterLab's own return to the main area
   * when the command palette closes.
   */
  protected onActivateRequest(msg: Message): void {
    super.onActivateRequest(msg);
    const before = document.activeElement;
    const fromPalette = !!before?.closest('.lm-CommandPalette');
    void this.load()
      .then(() => new Promise(resolve => requestAnimationFrame(resolve)))
      .then(() => {
        const now = document.activeElement;
        const moved = now !== before && now !== document.body && !fromPalette;
        if (!this.isVisible || this.node.contains(now) || moved) {
          return;
        }
        const field = this.node.querySelector<HTMLElement>(FIRST_FIELD);
        if (field) {
          field.focus();
        } else {
          this.node.tabIndex = -1;
          this.node.focus();
          this._focusFieldWhenShown();
        }
      })
      .catch(() => undefined);
  }

  /**
   * The panel holds the focus while its view has no text field yet (it
   * shows "starting…" until the service first answers): the field gets it
   * when it appears, unless the focus went elsewhere meanwhile.
   */
  private _focusFieldWhenShown(): void {
    this._fieldWatch?.disconnect();
    const watch = new MutationObserver(() => {
      if (document.activeElement !== this.node) {
        watch.disconnect();
        return;
      }
      const field = this.node.querySelector<HTMLElement>(FIRST_FIELD);
      if (field) {
        watch.disconnect();
        field.focus();
      }
    });
    watch.observe(this.node, { childList: true, subtree: true });
    this._fieldWatch = watch;
  }

  dispose(): void {
    this._fieldWatch?.disconnect();
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.load().catch(reason =>
      console.error(`${this._name} failed to load`, reason)
    );
  }

  private _fieldWatch: MutationObserver | null = null;
  private _loading: Promise<T> | null = null;
  private _view: T | null = null;
}
