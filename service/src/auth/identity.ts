/** Who the caller is, as established from a verified token and nothing else. */
export interface Identity {
  name: string;
  admin: boolean;
  groups: string[];
}

/** Turns a bearer token into an Identity, or null when the token is not valid. */
export interface IdentityProvider {
  identify(token: string): Promise<Identity | null>;
}
