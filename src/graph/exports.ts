import type { ExportFormat } from './types';

export const EXPORT_FORMATS: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'ro-crate', label: 'RO-Crate' },
  { format: 'datacite', label: 'DataCite JSON' },
  { format: 'bibtex', label: 'BibTeX' },
  { format: 'cff', label: 'CITATION.cff' }
];

/** The file name of an export when the service suggests none. */
export function exportFileName(id: string, format: ExportFormat): string {
  const safe = id.replace(/[^A-Za-z0-9._-]+/g, '-');
  switch (format) {
    case 'ro-crate':
      return 'ro-crate-metadata.json';
    case 'datacite':
      return `${safe}.datacite.json`;
    case 'bibtex':
      return `${safe}.bib`;
    case 'cff':
      return 'CITATION.cff';
  }
}

/** Save text as a file through the browser's download. */
export function saveFile(text: string, contentType: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
