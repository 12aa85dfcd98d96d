import type { NodeKind } from '../../api/graph-schemas.js';
import type { NodeRow } from '../nodes.js';
import { inverseRelation, isDataCiteRelation } from '../relations.js';
import { day, environmentText, nameParts, orcidUrl, releaseDate, spdxId, type ExportInput } from './input.js';

/** The publisher named in citations of records made here. */
export const PUBLISHER = 'LEAP (Learning the Earth with Artificial Intelligence and Physics)';

const RESOURCE_TYPE: Record<NodeKind, { general: string; type: string }> = {
  Dataset: { general: 'Dataset', type: 'Dataset' },
  Paper: { general: 'Text', type: 'Paper' },
  ProjectCode: { general: 'Software', type: 'Code' },
  TrainedModel: { general: 'Model', type: 'Trained model' },
  EducationalModule: { general: 'InteractiveResource', type: 'Educational module' },
  Person: { general: 'Other', type: 'Person' },
  Project: { general: 'Other', type: 'Project' }
};

/** DataCite resourceTypeGeneral and a free-text resourceType; code with a notebook is a ComputationalNotebook. */
export function resourceType(kind: NodeKind, files: readonly { path: string }[] = []): { resourceTypeGeneral: string; resourceType: string } {
  if (kind === 'ProjectCode' && files.some((file) => file.path.endsWith('.ipynb'))) {
    return { resourceTypeGeneral: 'ComputationalNotebook', resourceType: 'Jupyter notebook' };
  }
  return { resourceTypeGeneral: RESOURCE_TYPE[kind].general, resourceType: RESOURCE_TYPE[kind].type };
}

function person(row: NodeRow): Record<string, unknown> {
  const { given, family } = nameParts(row.title);
  return {
    name: given === null ? family : `${family}, ${given}`,
    nameType: 'Personal',
    ...(given === null ? {} : { givenName: given }),
    familyName: family,
    ...(row.orcid === null
      ? {}
      : { nameIdentifiers: [{ nameIdentifier: orcidUrl(row.orcid), nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }] }),
    ...(row.affiliation === null ? {} : { affiliation: [{ name: row.affiliation }] })
  };
}

function relatedIdentifier(row: NodeRow): { relatedIdentifier: string; relatedIdentifierType: string } | null {
  if (row.doi !== null) {
    return { relatedIdentifier: row.doi, relatedIdentifierType: 'DOI' };
  }
  if (row.url !== null && /^https?:\/\//.test(row.url)) {
    return { relatedIdentifier: row.url, relatedIdentifierType: 'URL' };
  }
  return null;
}

/**
 * DataCite JSON in the shape of the DataCite 4.5 kernel as JSON (the Invenio datacite-v4.5 schema):
 * creators in author order (ORCID as nameIdentifier), related nodes with a DOI or URL as
 * relatedIdentifiers (incoming links with the inverse relation), our id as an alternateIdentifier.
 * A node with no creators (a catalog dataset) names ":unav" (DataCite's "unavailable").
 */
export function dataciteJson(input: ExportInput): Record<string, unknown> {
  const { node } = input;
  const license = node.license;
  const spdx = spdxId(license);
  const related = new Map<string, Record<string, unknown>>();
  for (const link of input.links) {
    const relation = link.direction === 'out' ? link.relation : inverseRelation(link.relation);
    const identifier = relatedIdentifier(link.node);
    if (relation === null || !isDataCiteRelation(relation) || identifier === null) {
      continue;
    }
    related.set(`${relation} ${identifier.relatedIdentifier}`, {
      ...identifier,
      relationType: relation,
      resourceTypeGeneral: resourceType(link.node.kind, link.node.files).resourceTypeGeneral
    });
  }
  const dates = [{ date: day(node.dates.created), dateType: 'Created' }];
  if (node.dates.published !== null) {
    dates.push({ date: day(node.dates.published), dateType: 'Issued' });
  }
  if (day(node.dates.updated) !== day(node.dates.created)) {
    dates.push({ date: day(node.dates.updated), dateType: 'Updated' });
  }
  const environment = environmentText(input.provenance);
  const descriptions = [
    ...(node.description.trim() === '' ? [] : [{ description: node.description, descriptionType: 'Abstract' }]),
    ...(environment === null ? [] : [{ description: environment, descriptionType: 'TechnicalInfo' }])
  ];
  const alternates = [{ alternateIdentifier: node.id, alternateIdentifierType: 'LEAP knowledge graph id' }];
  if (node.identifiers.url !== null) {
    alternates.push({ alternateIdentifier: node.identifiers.url, alternateIdentifierType: 'URL' });
  }
  return {
    ...(node.identifiers.doi === null ? {} : { doi: node.identifiers.doi }),
    types: resourceType(node.kind, input.files),
    creators: input.creators.length > 0 ? input.creators.map(person) : [{ name: ':unav' }],
    titles: [{ title: node.title }],
    publisher: { name: PUBLISHER },
    publicationYear: releaseDate(node).slice(0, 4),
    ...(node.keywords.length === 0 ? {} : { subjects: node.keywords.map((subject) => ({ subject })) }),
    ...(input.contributors.length === 0 ? {} : { contributors: input.contributors.map((row) => ({ ...person(row), contributorType: 'Other' })) }),
    dates,
    alternateIdentifiers: alternates,
    ...(related.size === 0 ? {} : { relatedIdentifiers: [...related.values()] }),
    ...(input.files.length === 0 ? {} : { sizes: [`${input.files.reduce((sum, f) => sum + f.size, 0)} bytes`] }),
    ...(node.version === null ? {} : { version: node.version }),
    ...(license === null
      ? {}
      : {
          rightsList: [
            spdx === null
              ? { rights: license }
              : {
                  rights: spdx,
                  rightsIdentifier: spdx,
                  rightsIdentifierScheme: 'SPDX',
                  schemeUri: 'https://spdx.org/licenses/',
                  rightsUri: `https://spdx.org/licenses/${spdx}`
                }
          ]
        }),
    ...(descriptions.length === 0 ? {} : { descriptions }),
    schemaVersion: 'http://datacite.org/schema/kernel-4'
  };
}
