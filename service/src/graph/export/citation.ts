import { stringify } from 'yaml';
import type { NodeRow } from '../nodes.js';
import { PUBLISHER } from './datacite.js';
import { day, nameParts, orcidUrl, releaseDate, spdxId, type ExportInput } from './input.js';

const LATEX_SPECIAL = /[\\{}&%$#_^~]/g;
const LATEX_ESCAPE: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}'
};

/** Text inside a BibTeX field: LaTeX specials escaped, line breaks folded. */
export function bibtexText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(LATEX_SPECIAL, (c) => LATEX_ESCAPE[c]);
}

function bibtexName(row: NodeRow): string {
  const { given, family } = nameParts(row.title);
  return given === null ? `{${bibtexText(family)}}` : `${bibtexText(family)}, ${bibtexText(given)}`;
}

/** A citation key: first author's family name, year, first title word (ASCII letters and digits). */
export function citationKey(input: ExportInput): string {
  const ascii = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '');
  const family = input.creators.length > 0 ? ascii(nameParts(input.creators[0].title).family) : 'leap';
  const word = input.node.title.split(/\s+/).map(ascii).find((w) => w.length > 3) ?? ascii(input.node.id);
  return `${family.toLowerCase() || 'leap'}${releaseDate(input.node).slice(0, 4)}${word.toLowerCase()}`;
}

/** One BibTeX @misc entry (BibTeX has no dataset/software types; `howpublished` names the kind). */
export function bibtex(input: ExportInput): string {
  const { node } = input;
  const fields: [string, string][] = [
    ['title', `{${bibtexText(node.title)}}`],
    ['author', input.creators.map(bibtexName).join(' and ') || `{${bibtexText(PUBLISHER)}}`],
    ['year', releaseDate(node).slice(0, 4)],
    ['month', String(Number(releaseDate(node).slice(5, 7)))],
    ['publisher', bibtexText(PUBLISHER)],
    ['howpublished', bibtexText(node.kind === 'ProjectCode' ? 'Code' : node.kind.replace(/([a-z])([A-Z])/g, '$1 $2'))]
  ];
  if (node.version !== null) {
    fields.push(['version', bibtexText(node.version)]);
  }
  if (node.identifiers.doi !== null) {
    fields.push(['doi', bibtexText(node.identifiers.doi)]);
  }
  const url = node.identifiers.doi !== null ? `https://doi.org/${node.identifiers.doi}` : node.identifiers.url;
  if (url !== null) {
    fields.push(['url', url.replace(/[{}\s]/g, encodeURIComponent)]);
  }
  if (node.keywords.length > 0) {
    fields.push(['keywords', bibtexText(node.keywords.join(', '))]);
  }
  if (node.license !== null) {
    fields.push(['note', `License: ${bibtexText(node.license)}`]);
  }
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`);
  return `@misc{${citationKey(input)},\n${body.join(',\n')}\n}\n`;
}

/** CITATION.cff 1.2.0: type software for code, else dataset (the only two CFF types). */
export function citationCff(input: ExportInput): string {
  const { node } = input;
  const authors = input.creators.map((row) => {
    const { given, family } = nameParts(row.title);
    return {
      'family-names': family,
      ...(given === null ? {} : { 'given-names': given }),
      ...(row.orcid === null ? {} : { orcid: orcidUrl(row.orcid) }),
      ...(row.affiliation === null ? {} : { affiliation: row.affiliation })
    };
  });
  const spdx = spdxId(node.license);
  const document = {
    'cff-version': '1.2.0',
    message: 'If you use this work, please cite it using the metadata from this file.',
    type: node.kind === 'ProjectCode' || node.kind === 'TrainedModel' ? 'software' : 'dataset',
    title: node.title,
    authors: authors.length > 0 ? authors : [{ name: PUBLISHER }],
    ...(node.description.trim() === '' ? {} : { abstract: node.description }),
    ...(node.version === null ? {} : { version: node.version }),
    ...(node.identifiers.doi === null ? {} : { doi: node.identifiers.doi }),
    'date-released': day(releaseDate(node)),
    ...(spdx === null ? {} : { license: spdx }),
    ...(node.keywords.length === 0 ? {} : { keywords: node.keywords }),
    ...(node.identifiers.url === null ? {} : { url: node.identifiers.url }),
    identifiers: [{ type: 'other', value: node.id, description: 'LEAP knowledge graph id' }]
  };
  return stringify(document, { lineWidth: 0 });
}
