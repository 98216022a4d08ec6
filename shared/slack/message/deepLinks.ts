/**
 * The links of the message: a finding's console links (Logs Insights over the window, the X-Ray trace, the
 * function) and where the diagnosis' evidence or execution lives (an https URL, an s3:// location, a Step
 * Functions execution ARN, or a plain path shown as code).
 */
import type { ConsoleLink } from '../../model/diagnosis.ts';
import { consoleOrigin } from '../../links/consoleLinks.ts';
import { inlineCode, mrkdwnLink, safeUrl } from './mrkdwn.ts';

/** A console link as mrkdwn, or undefined when its URL cannot be linked. */
export function consoleLinkMrkdwn(link: ConsoleLink): string | undefined {
  return safeUrl(link.url) === undefined ? undefined : mrkdwnLink(link.url, link.label);
}

const EXECUTION_ARN = /^arn:(aws[a-z-]*):states:([a-z0-9-]+):\d{12}:execution:[A-Za-z0-9_-]{1,80}:[A-Za-z0-9_-]{1,80}$/;

/** The evidence or execution location as a link (or code when it is neither a URL nor an ARN we can link). */
export function evidenceLocationMrkdwn(location: string): string | undefined {
  const value = location.trim();
  if (value === '') return undefined;
  if (safeUrl(value) !== undefined) return mrkdwnLink(value, 'Evidence');
  const s3 = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?(.*)$/.exec(value);
  if (s3) {
    const url = `https://s3.console.aws.amazon.com/s3/buckets/${s3[1] ?? ''}?prefix=${encodeURIComponent(s3[2] ?? '')}`;
    return mrkdwnLink(url, 'Evidence in S3');
  }
  const execution = EXECUTION_ARN.exec(value);
  if (execution) {
    const region = execution[2] ?? '';
    const origin = consoleOrigin(region);
    return mrkdwnLink(`${origin}/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(value)}`, 'Step Functions execution');
  }
  return `Evidence: ${inlineCode(value.slice(0, 500))}`;
}

