/** Sizes as people type them on a command line ("1GB", "500 MB", "2.5gb", "1073741824"). Undefined for anything else; never throws. */

/** Binary units, as AWS bills Logs Insights scans (QueryBudget's ONE_GB is 1024³). */
const BYTES_PER_UNIT: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const perUnit = BYTES_PER_UNIT[match[2] ?? ''];
  if (perUnit === undefined) return undefined;
  const bytes = Math.round(Number(match[1]) * perUnit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
