/**
 * Checks of what a person types into "Add from GitHub" / "Add by DOI" before
 * anything is sent; the service checks again and names the field it refuses.
 */

export type OutsideSource = 'github' | 'doi';

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const GITHUB_URL = /^(?:https?:\/\/)?(?:www\.)?github\.com\//i;

/** owner/repo from "owner/repo" or a github.com URL (.git, sub-paths, git@ accepted); null when it is neither. */
export function repositoryOf(input: string): string | null {
  const text = input.trim().replace(/^git@github\.com:/i, 'https://github.com/');
  const isUrl = GITHUB_URL.test(text);
  const path = isUrl ? text.replace(GITHUB_URL, '').split(/[?#]/)[0] : text;
  const parts = path.split('/');
  const owner = parts[0] ?? '';
  const repo = (parts[1] ?? '').replace(/\.git$/i, '');
  if (!OWNER.test(owner) || !NAME.test(repo) || repo === '.' || repo === '..' || (!isUrl && parts.length !== 2)) {
    return null;
  }
  return `${owner}/${repo}`;
}

/** A bare DOI from "10.x/y", "doi:10.x/y" or a doi.org URL; null when it is not one. */
export function doiOf(input: string): string | null {
  const bare = input.trim().replace(/^(doi:|https?:\/\/(dx\.)?doi\.org\/)/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(bare) ? bare : null;
}
