import type { NodeKind, RelationType } from '../api/graph-schemas.js';

/** A person named by an outside source: a citation author, a DOI creator or a GitHub contributor. */
export interface OutsidePerson {
  name: string;
  /** Bare ORCID iD when the source gives one with a valid check digit. */
  orcid?: string;
  affiliation?: string;
  /** GitHub login (contributors; matched to people by login). */
  login?: string;
}

/** A related work the source names: by DOI or URL, with the DataCite relation from the imported item. */
export interface OutsideLink {
  relation: RelationType;
  doi?: string;
  url?: string;
  kind: NodeKind;
  title?: string;
}

/** What an import writes into the graph, whatever the source. */
export interface OutsideRecord {
  source: 'github' | 'datacite' | 'crossref';
  kind: NodeKind;
  title: string;
  description: string;
  license: string | null;
  keywords: string[];
  /** GitHub: the latest release's tag (else the citation's version); DOIs: the version the metadata gives. */
  version: string | null;
  /** GitHub: the latest release's tag, or null when the repository has no release. */
  release: string | null;
  /** The item's home: the repository's html_url, the DOI's landing page. */
  url: string | null;
  doi: string | null;
  /** ISO date (day precision is enough) the item was published, when known. */
  published: string | null;
  creators: OutsidePerson[];
  contributors: OutsidePerson[];
  links: OutsideLink[];
  /** Text read for mentions of data library datasets (description, citation file, related identifiers). */
  mentions: string;
}
