/**
 * `text` with every secret replaced by [redacted]: as it is and URL-encoded. For messages built from
 * what an upstream (Zenodo, GitHub) answered, which may echo the credentials it was sent.
 */
export function withoutSecrets(text: string, ...secrets: string[]): string {
  const forms = secrets.filter((secret) => secret !== '').flatMap((secret) => [secret, encodeURIComponent(secret)]);
  return forms.reduce((clean, form) => clean.replaceAll(form, '[redacted]'), text);
}
