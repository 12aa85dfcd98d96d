import type { IdentityProvider } from '../../auth/identity.js';
import type { Database } from '../../db/database.js';
import { recordUser } from '../../users/users.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { ErrorBody, WhoAmI, type Mode } from '../schemas.js';
import type { App } from '../types.js';

export interface WhoAmIDeps {
  db: Database;
  identity: IdentityProvider;
  mode: Mode;
}

/** GET /api/whoami: the caller as the verified token says; records the visit in `users`. */
export function registerWhoAmI(app: App, { db, identity, mode }: WhoAmIDeps): void {
  app.get(
    '/api/whoami',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'The user the token belongs to',
        tags: ['service'],
        security: SECURITY,
        response: { 200: WhoAmI, 401: ErrorBody, 502: ErrorBody }
      }
    },
    async (request) => {
      const user = identityOf(request);
      await recordUser(db, user);
      return { name: user.name, admin: user.admin, groups: user.groups, mode };
    }
  );
}
