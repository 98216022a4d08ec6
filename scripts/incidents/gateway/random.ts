/** Seeded randomness and the id shapes AWS prints, so regenerated bundles are byte-identical. */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  hex(length: number): string;
  /** A v4 UUID (API Gateway and Lambda request ids). */
  uuid(): string;
}

/** mulberry32: small, fast, good enough for fixtures. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, maxInclusive: number): number => min + Math.floor(next() * (maxInclusive - min + 1));
  const hex = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i += 1) out += '0123456789abcdef'[int(0, 15)];
    return out;
  };
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability: number) => next() < probability,
    hex,
    uuid: () => {
      const variant = '89ab'[int(0, 3)] ?? '8';
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
  };
}

/** Seed from a bundle name, so each bundle has its own stream of ids. */
export function seedOf(name: string): number {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** $context.extendedRequestId: 16 characters ending in "=", e.g. "K2G9wEbUoAMEvag=" (curl output in the
 * public k1k7gu3ct7 reproduction notes). */
export function extendedRequestId(rng: Random): string {
  let out = '';
  for (let i = 0; i < 15; i += 1) out += BASE64[rng.int(0, 61)];
  return `${out}=`;
}

/** X-Ray trace id: 1-<8 hex epoch seconds>-<24 hex>. */
export function traceId(rng: Random, epochMs: number): string {
  return `1-${Math.floor(epochMs / 1000).toString(16).padStart(8, '0')}-${rng.hex(24)}`;
}

/** A 16-hex X-Ray segment id. */
export function segmentId(rng: Random): string {
  return rng.hex(16);
}

/** API Gateway execution and access log stream names are 32 hex characters. */
export function apigwStreamName(rng: Random): string {
  return rng.hex(32);
}

/** Lambda log stream: 2026/03/10/[$LATEST]<32 hex>. */
export function lambdaStreamName(rng: Random, epochMs: number, version = '$LATEST'): string {
  const d = new Date(epochMs);
  const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${day}/[${version}]${rng.hex(32)}`;
}

/** CloudWatch Logs eventId: a 56-digit decimal string. */
export function logEventId(rng: Random): string {
  let out = String(rng.int(3, 3));
  for (let i = 1; i < 56; i += 1) out += String(rng.int(0, 9));
  return out;
}

/** An upper-case alphanumeric request id as DynamoDB prints it (52 characters). */
export function dynamoRequestId(rng: Random): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  for (let i = 0; i < 52; i += 1) out += chars[rng.int(0, chars.length - 1)];
  return out;
}

/** A public client address from documentation-friendly ranges, not a real host. */
export function clientIp(rng: Random): string {
  const prefix = rng.pick(['198.51.100', '203.0.113', '192.0.2', '100.64.12']);
  return `${prefix}.${rng.int(2, 250)}`;
}
