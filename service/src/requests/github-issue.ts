import type { DatasetRequest } from '../api/requests-schemas.js';

/** The label of the LEAP form's issues. */
export const ISSUE_LABEL = 'dataset';

export interface IssueContent {
  title: string;
  body: string;
  labels: string[];
}

const NO_RESPONSE = '_No response_';

/** A fenced block whose fence is longer than any backtick run inside the text. */
function fenced(text: string, info: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

/**
 * The issue GitHub's own form (new_dataset.yaml) would open: title "New Dataset [<name>]", label
 * "dataset", one "### <label>" section per field in the form's order, "_No response_" when empty,
 * example URLs as a shell block (the form renders them so), and where it came from.
 */
export function issueFor(request: DatasetRequest): IssueContent {
  const sections: [string, string][] = [
    ['Dataset Name', request.name],
    ['Dataset URL', request.url],
    ['Description', request.description],
    ['Size', request.size],
    ['License', request.license],
    ['Data Format', request.format],
    ['Data Format (other)', request.formatOther],
    ['Access protocol', request.accessProtocol],
    ['Source File Organization', request.organization],
    ['Example URLs', request.exampleUrls.length === 0 ? '' : fenced(request.exampleUrls.join('\n'), 'shell')],
    ['Authorization', request.authorization ?? ''],
    ['Transformation / Processing', request.transformation],
    ['Target Format', request.targetFormat],
    ['Comments', request.comments]
  ];
  const body = sections.map(([label, value]) => `### ${label}\n\n${value.trim() === '' ? NO_RESPONSE : value}`).join('\n\n');
  const origin = `_Requested by \`${request.requester}\` in JupyterLab (LEAP dataset request ${request.id})._`;
  return { title: `New Dataset [${request.name}]`, body: `${body}\n\n---\n${origin}`, labels: [ISSUE_LABEL] };
}
