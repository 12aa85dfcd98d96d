import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * A heading for a facet the API returns; catalog columns (source_id, …) keep
 * their own names.
 */
export function facetLabel(trans: TranslationBundle, name: string): string {
  switch (name) {
    case 'tag':
      return trans.__('Tags');
    case 'license':
      return trans.__('License');
    case 'provider':
      return trans.__('Provider');
    case 'format':
      return trans.__('Format');
    case 'access':
    case 'public':
      return trans.__('Access');
    case 'source':
      return trans.__('Catalog');
    default:
      return name;
  }
}

/**
 * A facet value as shown on its chip.
 */
export function facetValueLabel(trans: TranslationBundle, name: string, value: string): string {
  if (name === 'access' || name === 'public') {
    switch (value) {
      case 'public':
      case 'true':
        return trans.__('public');
      case 'private':
      case 'false':
        return trans.__('private');
    }
  }
  return value;
}

export function resultCountLabel(trans: TranslationBundle, total: number, locale?: string): string {
  const n = new Intl.NumberFormat(locale).format(total);
  return trans._n('%2 dataset', '%2 datasets', total, n);
}
