import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { incidentDuration, resolvedLine, resolvedRootMessage } from './resolvedMessage.ts';

describe('resolved message', () => {
  it('says how long the incident lasted the way people say it', () => {
    expect(incidentDuration(14 * 60_000 + 20_000)).toBe('14 min');
    expect(incidentDuration(10_000)).toBe('less than a minute');
    expect(incidentDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(incidentDuration(3 * 3_600_000)).toBe('3 h');
    expect(incidentDuration(27 * 3_600_000)).toBe('1 d 3 h');
    expect(incidentDuration(Number.NaN)).toBe('less than a minute');
  });

  it('puts the resolved line after the header and keeps the rest', () => {
    const header: KnownBlock = { type: 'header', text: { type: 'plain_text', text: '5xx on orders-api/prod' } };
    const body: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: 'orders-fn timed out' } };
    const line = resolvedLine(14 * 60_000, '2026-03-10T14:06:53.000Z');
    expect(line).toBe(':white_check_mark: *Resolved after 14 min*: the alarm returned to OK at 2026-03-10 14:06 UTC.');
    const out = resolvedRootMessage({ text: 'orders-api/prod: Lambda function timed out', blocks: [header, body] }, line);
    expect(out.text).toBe('Resolved after 14 min: the alarm returned to OK at 2026-03-10 14:06 UTC. orders-api/prod: Lambda function timed out');
    expect(out.blocks).toEqual([header, { type: 'section', text: { type: 'mrkdwn', text: line } }, body]);
  });

  it('stays within 50 blocks', () => {
    const many: KnownBlock[] = Array.from({ length: 50 }, () => ({ type: 'divider' }));
    expect(resolvedRootMessage({ text: 'x', blocks: many }, 'resolved').blocks).toHaveLength(50);
  });
});
