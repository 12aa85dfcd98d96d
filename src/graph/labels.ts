import type { TranslationBundle } from '@jupyterlab/translation';
import type { NodeKind, RelationType } from './types';

export const NODE_KINDS: ReadonlyArray<NodeKind> = [
  'Dataset', 'Paper', 'ProjectCode', 'TrainedModel', 'EducationalModule', 'Person', 'Project'
];

export function kindLabel(kind: NodeKind, trans: TranslationBundle): string {
  switch (kind) {
    case 'Dataset':
      return trans.__('Dataset');
    case 'Paper':
      return trans.__('Paper');
    case 'ProjectCode':
      return trans.__('Code');
    case 'TrainedModel':
      return trans.__('Trained model');
    case 'EducationalModule':
      return trans.__('Educational module');
    case 'Person':
      return trans.__('Person');
    case 'Project':
      return trans.__('Project');
  }
}

const PAIRS: ReadonlyArray<[RelationType, RelationType]> = [
  ['IsCitedBy', 'Cites'], ['IsSupplementTo', 'IsSupplementedBy'], ['IsContinuedBy', 'Continues'],
  ['IsDescribedBy', 'Describes'], ['HasMetadata', 'IsMetadataFor'], ['HasVersion', 'IsVersionOf'],
  ['IsNewVersionOf', 'IsPreviousVersionOf'], ['IsPartOf', 'HasPart'], ['IsReferencedBy', 'References'],
  ['IsDocumentedBy', 'Documents'], ['IsCompiledBy', 'Compiles'], ['IsVariantFormOf', 'IsOriginalFormOf'],
  ['IsIdenticalTo', 'IsIdenticalTo'], ['IsReviewedBy', 'Reviews'], ['IsDerivedFrom', 'IsSourceOf'],
  ['IsRequiredBy', 'Requires'], ['IsObsoletedBy', 'Obsoletes'], ['Collects', 'IsCollectedBy']
];
const INVERSE = new Map<RelationType, RelationType>(PAIRS.flatMap(([a, b]) => [[a, b], [b, a]] as [RelationType, RelationType][]));

/** The DataCite relation read from the other end: References ↔ IsReferencedBy; undefined when none exists. */
export function inverseRelation(relation: RelationType): RelationType | undefined {
  return INVERSE.get(relation);
}

/**
 * A relation read from the node shown: `out` is "this —relation→ them",
 * `in` is "them —relation→ this", named by the inverse relation
 * (in + References = "Is referenced by").
 */
export function relationLabel(relation: RelationType, direction: 'out' | 'in', trans: TranslationBundle): string {
  if (relation === 'Creator') {
    return direction === 'out' ? trans.__('Authors') : trans.__('Author of');
  }
  if (relation === 'Contributor') {
    return direction === 'out' ? trans.__('Contributors') : trans.__('Contributor to');
  }
  const read = direction === 'out' ? relation : inverseRelation(relation);
  const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, c => c.toUpperCase());
  return read ? words(read) : trans.__('%1 (incoming)', words(relation));
}
