import type { Rng } from './rng.ts';

/** Identifier shapes AWS uses, generated from the seeded Rng. */

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function hex(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += HEX[rng.int(0, 15)];
  return out;
}

/** A version-4 UUID: API Gateway REST request ids, Lambda request ids. */
export function uuid(rng: Rng): string {
  const variant = '89ab'[rng.int(0, 3)] ?? '8';
  return `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${variant}${hex(rng, 3)}-${hex(rng, 12)}`;
}

/** $context.extendedRequestId (REST) and $context.requestId (HTTP APIs): 16 characters ending in '=', e.g. "Vwc2MGFUrPEFV_g=". */
export function extendedRequestId(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 15; i++) out += B64[rng.int(0, B64.length - 1)];
  return `${out}=`;
}

/** X-Ray trace id: 1-<epoch seconds in hex>-<24 hex>. */
export function traceId(rng: Rng, epochMs: number): string {
  return `1-${Math.floor(epochMs / 1000).toString(16)}-${hex(rng, 24)}`;
}

/** X-Ray segment id: 16 hex. */
export function segmentId(rng: Rng): string {
  return hex(rng, 16);
}

/** Lambda log stream: 2026/03/10/[$LATEST]<32 hex>. */
export function lambdaLogStream(rng: Rng, epochMs: number, version = '$LATEST'): string {
  const d = new Date(epochMs);
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}/${m}/${day}/[${version}]${hex(rng, 32)}`;
}

/** API Gateway log streams are 32 hex characters. */
export function apiGatewayLogStream(rng: Rng): string {
  return hex(rng, 32);
}

/** REST and HTTP API ids: 10 lower-case alphanumerics. */
export function apiId(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += ALNUM_LOWER[rng.int(0, ALNUM_LOWER.length - 1)];
  return out;
}

/** CloudWatch Logs eventId: 56 decimal digits. */
export function logEventId(rng: Rng): string {
  let out = String(rng.int(3, 3));
  for (let i = 0; i < 55; i++) out += String(rng.int(0, 9));
  return out;
}

/** An access key id of temporary credentials: ASIA + 16 upper-case alphanumerics. */
export function accessKeyId(rng: Rng): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = 'ASIA';
  for (let i = 0; i < 16; i++) out += chars[rng.int(0, chars.length - 1)];
  return out;
}

/** A base64 string of the given length (CodeSha256, Logs Insights @ptr). */
export function base64(rng: Rng, length: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[rng.int(0, chars.length - 1)];
  return out;
}

/** An IPv4 address from the documentation ranges and a few public-looking ones. */
export function clientIp(rng: Rng): string {
  const prefix = rng.pick(['203.0.113', '198.51.100', '192.0.2', '81.2.69', '100.24.18', '54.239.98']);
  return `${prefix}.${rng.int(2, 254)}`;
}
