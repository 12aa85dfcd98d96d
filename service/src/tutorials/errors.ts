/** A request the tutorials part refuses; the API turns `kind` into a status and an ErrorBody code. */
export class TutorialError extends Error {
  constructor(
    readonly kind: 'not_found' | 'invalid' | 'forbidden' | 'session_ended' | 'sessions_running',
    message: string,
    /** The offending request field, e.g. body/currentStep */
    readonly field?: string
  ) {
    super(message);
    this.name = 'TutorialError';
  }
}
