/**
 * A highlight ring around a step's target element. It is decoration only: it
 * takes no clicks (pointer-events: none), never moves or traps focus, and says
 * what it highlights in a polite live region. Escape (anywhere), any click
 * or `dismiss()` removes it; it follows the element while it moves
 * and goes away when the element does.
 */
export class Highlight {
  constructor(
    private _element: Element,
    announcement: string,
    private _onDismiss: () => void = () => undefined
  ) {
    this._ring.className = 'jp-LeapTutorial-highlight';
    this._ring.setAttribute('aria-hidden', 'true');
    this._live.className = 'jp-LeapTutorial-announce';
    this._live.setAttribute('role', 'status');
    this._live.setAttribute('aria-live', 'polite');
    document.body.append(this._ring, this._live);
    // set after insertion so screen readers announce the change
    requestAnimationFrame(() => (this._live.textContent = announcement));
    this._element.classList.add('jp-LeapTutorial-target');
    document.addEventListener('keydown', this._onKey, true);
    document.addEventListener('pointerdown', this._onPointer, true);
    this._place();
    this._timer = window.setInterval(this._place, 200);
  }

  get isDismissed(): boolean {
    return this._dismissed;
  }

  dismiss(): void {
    if (this._dismissed) {
      return;
    }
    this._dismissed = true;
    window.clearInterval(this._timer);
    document.removeEventListener('keydown', this._onKey, true);
    document.removeEventListener('pointerdown', this._onPointer, true);
    this._element.classList.remove('jp-LeapTutorial-target');
    this._ring.remove();
    this._live.remove();
    this._onDismiss();
  }

  private _place = (): void => {
    if (!this._element.isConnected) {
      this.dismiss();
      return;
    }
    const rect = this._element.getBoundingClientRect();
    const pad = 4;
    Object.assign(this._ring.style, {
      top: `${rect.top - pad}px`,
      left: `${rect.left - pad}px`,
      width: `${rect.width + 2 * pad}px`,
      height: `${rect.height + 2 * pad}px`,
      display: rect.width || rect.height ? 'block' : 'none'
    });
  };

  private _onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      this.dismiss(); // the key still reaches whatever has focus
    }
  };

  private _onPointer = (): void => {
    this.dismiss(); // the click itself goes on to its target
  };

  private _ring = document.createElement('div');
  private _live = document.createElement('div');
  private _timer: number;
  private _dismissed = false;
}
