import { DATACITE_RELATION_TYPES, type RelationType } from '../api/graph-schemas.js';

type DataCiteRelation = (typeof DATACITE_RELATION_TYPES)[number];

const PAIRS: [DataCiteRelation, DataCiteRelation][] = [
  ['IsCitedBy', 'Cites'],
  ['IsSupplementTo', 'IsSupplementedBy'],
  ['IsContinuedBy', 'Continues'],
  ['IsDescribedBy', 'Describes'],
  ['HasMetadata', 'IsMetadataFor'],
  ['HasVersion', 'IsVersionOf'],
  ['IsNewVersionOf', 'IsPreviousVersionOf'],
  ['IsPartOf', 'HasPart'],
  ['IsReferencedBy', 'References'],
  ['IsDocumentedBy', 'Documents'],
  ['IsCompiledBy', 'Compiles'],
  ['IsVariantFormOf', 'IsOriginalFormOf'],
  ['IsReviewedBy', 'Reviews'],
  ['IsDerivedFrom', 'IsSourceOf'],
  ['IsRequiredBy', 'Requires'],
  ['IsObsoletedBy', 'Obsoletes'],
  ['IsCollectedBy', 'Collects']
];

const INVERSE = new Map<DataCiteRelation, DataCiteRelation>();
for (const [a, b] of PAIRS) {
  INVERSE.set(a, b);
  INVERSE.set(b, a);
}
INVERSE.set('IsIdenticalTo', 'IsIdenticalTo');

/**
 * The DataCite relation seen from the other end (A References B ⇔ B IsReferencedBy A).
 * IsPublishedIn has no inverse in DataCite, nor do Creator/Contributor: null.
 */
export function inverseRelation(relation: RelationType): DataCiteRelation | null {
  return INVERSE.get(relation as DataCiteRelation) ?? null;
}

export function isDataCiteRelation(relation: string): relation is DataCiteRelation {
  return (DATACITE_RELATION_TYPES as readonly string[]).includes(relation);
}

/** Relations by which a record uses a dataset ("what uses this dataset"). */
export const USE_RELATIONS: readonly RelationType[] = ['References', 'Requires', 'IsDerivedFrom', 'Cites', 'IsSupplementTo'];

export const PERSON_RELATIONS: readonly RelationType[] = ['Creator', 'Contributor'];
