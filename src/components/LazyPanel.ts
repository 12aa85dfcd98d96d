import type { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';

/**
 * A sidebar panel whose view's code loads on first show (or the first
 * `load()`), so that only this shell is part of JupyterLab's start-up. A load
 * that failed is tried again on the next show.
 */
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

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.load().catch(reason =>
      console.error(`${this._name} failed to load`, reason)
    );
  }

  private _loading: Promise<T> | null = null;
  private _view: T | null = null;
}
