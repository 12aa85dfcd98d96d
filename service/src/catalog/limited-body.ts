/**
 * The body of an HTTP response, or null when it is larger than `maxBytes`, whether the server
 * declares it (content-length) or only sends it; the rest of the body is then not read.
 * Errors while reading (a timeout's abort, a reset connection) are thrown to the caller.
 */
export async function readLimitedBody(response: Response, maxBytes: number): Promise<Buffer | null> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
