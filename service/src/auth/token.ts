const SCHEME = /^(?:token|bearer)[ \t]+(\S+)[ \t]*$/i;

/** The token of an `Authorization: token <t>` or `Authorization: Bearer <t>` header. */
export function tokenFromAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  return SCHEME.exec(header)?.[1];
}
