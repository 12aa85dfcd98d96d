import type { AuthConfig } from '../config.js';
import { hubIdentityProvider } from './hub.js';
import type { IdentityProvider } from './identity.js';
import { localIdentityProvider } from './local.js';

export function identityProviderFor(config: AuthConfig): IdentityProvider {
  return config.mode === 'local'
    ? localIdentityProvider(config.token, config.user)
    : hubIdentityProvider({ apiUrl: config.apiUrl, apiToken: config.apiToken, serviceName: config.serviceName });
}
