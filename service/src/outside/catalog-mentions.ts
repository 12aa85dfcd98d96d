/**
 * Candidate data library references in free text (a description, a citation file, related
 * identifiers): store URLs (gs://, gcs://, s3://, az://, abfs(s)://, or http(s) URLs) and
 * catalog dataset ids (`<source>:<id>`). The same forms the publish flow accepts as
 * `datasets[].ref`; which of them name a catalog dataset is decided against the catalog.
 */
export interface Mentions {
  urls: string[];
  ids: string[];
}

const URL_IN_TEXT = /\b(?:gs|gcs|s3|s3a|az|abfs|abfss|https?):\/\/[^\s"'<>()[\]{}`,]+/gi;
const ID_IN_TEXT = /(?<![\w/:.-])[a-z0-9][a-z0-9_-]*:[A-Za-z0-9][A-Za-z0-9._-]*(?![\w/:-])/g;
const MAX = 500;

export function findMentions(text: string): Mentions {
  const urls = new Set<string>();
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.;:!?]+$/, '').replace(/\/+$/, '');
    urls.add(url);
    if (urls.size >= MAX) break;
  }
  const ids = new Set<string>();
  for (const match of text.matchAll(ID_IN_TEXT)) {
    const id = match[0].replace(/\.+$/, '');
    if (!/^(https?|doi|orcid|mailto|urn|gs|s3|az):/i.test(id)) ids.add(id);
    if (ids.size >= MAX) break;
  }
  return { urls: [...urls], ids: [...ids] };
}
