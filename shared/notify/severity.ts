import type { Diagnosis } from '../model/diagnosis.ts';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

const ORDER: Severity[] = ['low', 'medium', 'high', 'critical'];

/**
 * The `severity` message attribute, for subscribers' filter policies and paging rules:
 * 1. by the failing requests in the window: ≥ 1000 critical, ≥ 100 high, ≥ 10 medium, else low;
 * 2. one step lower when the cause is not established (root-cause confidence below 0.5, or insufficient-evidence),
 *    because the message may then point the reader at the wrong thing; never below low.
 * So 412 failures blamed on a Lambda timeout at 0.93 are "high"; the same 412 with the evidence missing are "medium".
 */
export function severityOf(d: Pick<Diagnosis, 'failingRequests' | 'rootCause'>): Severity {
  const total = Number.isFinite(d.failingRequests.total) ? d.failingRequests.total : 0;
  let tier = total >= 1000 ? 3 : total >= 100 ? 2 : total >= 10 ? 1 : 0;
  const uncertain = d.rootCause.id === 'insufficient-evidence' || !(d.rootCause.confidence >= 0.5);
  if (uncertain) tier = Math.max(0, tier - 1);
  return ORDER[tier] ?? 'low';
}
