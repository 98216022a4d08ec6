/** Suspect changes said briefly: when (and how long before the onset), what, and who by a name a person knows. */
import type { SuspectChange } from '../../model/diagnosis.ts';
import { relativeToOnset } from '../../render/reportValues.ts';
import { ellipsizeText, plainMrkdwn } from './mrkdwn.ts';
import { parseTime, timeNear } from './timeWords.ts';

/**
 * "priya.raman (AWSReservedSSO_PowerUserAccess_…)" for arn:aws:sts::…:assumed-role/<role>/<session>, "alice" for
 * arn:aws:iam::…:user/alice, the role for a role ARN, anything else as it is (shortened).
 */
export function whoShort(who: string): string {
  const value = who.trim();
  const assumed = /^arn:aws[a-z-]*:sts::\d*:assumed-role\/([^/]+)\/(.+)$/.exec(value);
  if (assumed) return `${ellipsizeText(assumed[2] ?? '', 60)} (${ellipsizeText(assumed[1] ?? '', 36)})`;
  const user = /^arn:aws[a-z-]*:iam::\d*:(?:user|role)\/(?:.*\/)?([^/]+)$/.exec(value);
  if (user) return ellipsizeText(user[1] ?? value, 60);
  return ellipsizeText(value, 80);
}

/** "• 13:52:07 UTC (46 s before onset) UpdateFunctionConfiguration on orders-fn: timeout=6 — priya.raman (…)" */
export function changeLine(change: SuspectChange, onset: string | undefined, referenceMs: number | undefined): string {
  const time = parseTime(change.time);
  const when = time === undefined ? plainMrkdwn(change.time) : timeNear(time, referenceMs);
  const relative = relativeToOnset(change.time, onset);
  const who = change.who.trim() === '' ? '' : ` — ${plainMrkdwn(whoShort(change.who))}`;
  return `• *${when}*${relative === undefined ? '' : ` _(${relative})_`} ${plainMrkdwn(ellipsizeText(change.what, 300))}${who}`;
}
