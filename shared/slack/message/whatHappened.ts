/**
 * The one sentence a tired on-call engineer reads first: the engine's summary of the root cause, with its times
 * said as "13:52:53 UTC", a capital letter and a full stop, and a word of caution when the confidence is not high.
 */
import type { Diagnosis } from '../../model/diagnosis.ts';
import { confidenceLevel } from '../../render/reportValues.ts';
import { oneLine } from '../../render/textLayout.ts';
import { redact } from '../../redact/redact.ts';
import { ellipsizeText, escapeMrkdwn } from './mrkdwn.ts';
import { parseTime, readableTimes } from './timeWords.ts';

const MAX_SENTENCE = 700;
// Only English words get a capital: "orders-fn hit its timeout" must keep the function's name as it is.
const ENGLISH_OPENERS = /^(the|a|an|every|no|metrics|some|all|requests?|api|lambda)\b(?![-_.\w])/;

/** The summary as plain text (not escaped): times readable, capitalised, ending with a full stop. */
export function plainSummary(summary: string, referenceMs: number | undefined): string {
  const text = oneLine(readableTimes(redact(summary), referenceMs));
  if (text === '') return '';
  const capitalised = ENGLISH_OPENERS.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  const sentence = /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
  return ellipsizeText(sentence, MAX_SENTENCE);
}

/** The day the times of a diagnosis are said against: the onset's, else the window's end. */
export function referenceTime(d: Diagnosis): number | undefined {
  return parseTime(d.failingRequests.onset) ?? parseTime(d.window.end);
}

export function isInsufficient(d: Diagnosis): boolean {
  return d.rootCause.id === 'insufficient-evidence';
}

/** The sentence as mrkdwn. */
export function whatHappened(d: Diagnosis): string {
  const summary = plainSummary(d.rootCause.summary, referenceTime(d));
  if (isInsufficient(d)) {
    const why = summary === '' ? 'The evidence read does not say why the requests failed.' : summary;
    return `*Couldn't tell why.* ${escapeMrkdwn(why)}`;
  }
  const sentence = summary === '' ? `${d.rootCause.title || 'A root cause was found'}.` : summary;
  const level = confidenceLevel(d.rootCause.confidence);
  const caveat =
    level === 'high' ? '' : level === 'medium' ? ' _Likely, not certain: check the evidence below._' : ' _A lead, not an answer: check the evidence and the gaps first._';
  return `${escapeMrkdwn(sentence)}${caveat}`;
}
