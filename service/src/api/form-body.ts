import type { App } from './types.js';
import { ApiError } from './errors.js';

const FORM = 'application/x-www-form-urlencoded';

/**
 * A bodyless POST relayed by the Jupyter server gateway arrives labelled as a form (Tornado's
 * HTTP client sets that type on every POST without one). Such an empty body is no body; a form
 * with content is refused, since every route of the service takes JSON.
 */
export function acceptEmptyFormBody(app: App): void {
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    done(new ApiError(415, 'unsupported_media_type', `The service takes JSON bodies only, not ${FORM}`), undefined);
  });
}
