/**
 * How much text a set of blocks carries, the way we budget it: every string value in them (texts, fields, URLs,
 * button values) except the `type` tags. Slack's `msg_blocks_too_long` counts something close to this (see
 * slackLimits.ts); counting URLs and values too keeps us on the safe side.
 */
export function blockTextLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item: unknown) => sum + blockTextLength(item), 0);
  if (typeof value === 'object' && value !== null) {
    let sum = 0;
    for (const [key, item] of Object.entries(value)) if (key !== 'type') sum += blockTextLength(item);
    return sum;
  }
  return 0;
}
