import type { Alternative } from '../model/diagnosis.ts';
import type { RequestEvidence } from '../correlate/requestEvidence.ts';
import type { ClassifyContext, RuleMatch } from './rule.ts';
import { RULES, SUPERSEDES } from './rules/index.ts';

export interface RequestClassification {
  request: RequestEvidence;
  /** Undefined when no rule explains the request. */
  match?: RuleMatch;
  alternatives: Alternative[];
}

/**
 * Runs every rule on one failing request and keeps the best explanation. More specific causes push out
 * the general ones they explain (those become alternatives); then the highest confidence wins, and on a
 * tie the rule listed first.
 */
export function classifyRequest(request: RequestEvidence, ctx: ClassifyContext): RequestClassification {
  const matches: RuleMatch[] = [];
  for (const rule of RULES) {
    const m = rule.match(request, ctx);
    if (m) matches.push(m);
  }
  if (matches.length === 0) return { request, alternatives: [] };

  const superseded = new Set(matches.flatMap((m) => SUPERSEDES[m.id] ?? []));
  const candidates = matches.filter((m) => !superseded.has(m.id));
  const pool = candidates.length > 0 ? candidates : matches;
  let best = pool[0] as RuleMatch;
  for (const m of pool) if (m.confidence > best.confidence + 1e-9) best = m;

  const alternatives = new Map<string, Alternative>();
  for (const alt of best.alternatives ?? []) alternatives.set(alt.id, alt);
  for (const m of matches) {
    if (m === best || m.id === best.id) continue;
    const conf = Math.min(m.confidence, best.confidence) * (superseded.has(m.id) ? 0.5 : 0.8);
    const prev = alternatives.get(m.id);
    if (!prev || prev.confidence < conf) alternatives.set(m.id, { id: m.id, confidence: round2(conf) });
  }
  return { request, match: best, alternatives: [...alternatives.values()] };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
