import { configuredRedactPatterns } from './redactPatternsFromEnv.ts';
import { luhnValid } from './luhn.ts';

/**
 * Removes secrets and personal data from text before it is quoted in a diagnosis that may be posted to a ticket,
 * Slack or SNS: Authorization/Cookie/Set-Cookie and other credential headers (as API Gateway prints them in execution
 * logs, `{Authorization=Bearer x, Cookie=a=b}`; as JSON, Python reprs and escaped JSON inside log lines; as HTTP
 * `Name: value` lines), bearer tokens and JWTs, AWS access key ids, secret keys, session tokens and SigV4 signatures,
 * API keys (x-api-key, `api_key=`, Stripe sk_live_, Slack xox?- tokens and hooks.slack.com webhook URLs, GitHub and
 * Google keys), private key blocks, passwords in URLs and bodies, card numbers, e-mail addresses; then the configured
 * extra patterns (env REDACT_PATTERNS, see redactPatternsFromEnv.ts) and the caller's.
 *
 * Rules are ordered: the ones that know the structure (header maps, JSON keys) first, so that a generic one does not
 * half-mask a value; each keeps the key and the punctuation so the rest of the line stays readable. Every rule is
 * linear in its input (no nested quantifiers) and the input is capped at MAX_REDACT_INPUT_CHARS.
 */
export const REDACTED = '[REDACTED]';
export const EMAIL_REDACTED = '[EMAIL]';

/** Longer input is cut before redaction (the tail is dropped, never passed on unredacted). */
export const MAX_REDACT_INPUT_CHARS = 200_000;

type Replacer = (match: string, ...groups: string[]) => string;
interface Rule {
  name: string;
  re: RegExp;
  replace: string | Replacer;
}

/** Header names whose values are credentials (matched case-insensitively). */
const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-amz-security-token',
  'x-amz-session-token',
  'x-auth-token',
  'x-access-token',
  'x-refresh-token',
  'x-id-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-goog-api-key',
  'x-functions-key',
  'ocp-apim-subscription-key',
  'api-key',
  'apikey',
].join('|');

/** Body/field names whose values are secrets, with `-`/`_`/camelCase variants (matched case-insensitively). */
const SECRET_FIELDS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'client[-_]?secret',
  'secret[-_]?key',
  '(?:aws[-_]?)?secret[-_]?access[-_]?key',
  '(?:aws[-_]?)?session[-_]?token',
  'security[-_]?token',
  'api[-_]?key',
  'access[-_]?key[-_]?secret',
  'auth[-_]?token',
  'access[-_]?token',
  'refresh[-_]?token',
  'id[-_]?token',
  'token',
  'private[-_]?key',
  'card[-_]?number',
  'cc[-_]?number',
  'cvv',
  'cvc',
].join('|');

/** Keys of JSON/Python dicts: the fields, the headers, and "pass". */
const JSON_KEYS = `(?:${SECRET_HEADERS}|${SECRET_FIELDS}|pass|cookies)`;
/** `key=value` in query strings, form bodies, env files. */
const TEXT_KEYS = `(?:${SECRET_FIELDS}|x-amz-security-token|x-amz-signature|x-api-key)`;

/** Values kept as they are: they say what was wrong ("Bearer undefined") and are no secret. */
const PLACEHOLDER = /^\s*(?:(?:bearer|basic|token)\s*)?(?:undefined|null|none|nil|-)?\s*$/i;

/** A value masked by an earlier pass ("[REDACTED]", "Bearer [REDACTED]"). */
const ALREADY_MASKED = new RegExp(`^\\s*(?:(?:bearer|basic|token)\\s+)?${REDACTED.slice(0, -1).replace(/[[\]]/g, '\\$&')}`, 'i');

/** The mask for a value: itself when it is a placeholder or already masked (so that redaction is idempotent). */
function keepPlaceholder(value: string): string {
  return PLACEHOLDER.test(value) || ALREADY_MASKED.test(value) ? value : REDACTED;
}

const RULES: Rule[] = [
  {
    // PEM private keys, whole or cut off, also with JSON-escaped "\n" line breaks.
    name: 'private-key',
    re: /-----BEGIN ((?:[A-Z]+ )*)PRIVATE KEY-----[A-Za-z0-9+/=\s\\]*(?:-----END (?:[A-Z]+ )*PRIVATE KEY-----)?/g,
    replace: (_m, kind) => `-----BEGIN ${kind}PRIVATE KEY-----${REDACTED}-----END ${kind}PRIVATE KEY-----`,
  },
  {
    // API Gateway execution logs: "Method request headers: {Accept=*/*, Cookie=a=b; sid=c, Host=x}". A value runs to
    // the next ", Name=" or "}" (a Set-Cookie value may hold "Expires=Wed, 12 Oct 2022 13:14:40 GMT" and several
    // cookies joined by "," without a space), or to " [TRUNCATED]" / the end of a cut line.
    name: 'header-map',
    re: new RegExp(`([{,]\\s*)(${SECRET_HEADERS})=([^}\\r\\n]*?)(?=, [A-Za-z0-9_.-]+=|\\}|\\s\\[TRUNCATED\\]|[\\r\\n]|$)`, 'gi'),
    replace: (_m, lead, name, value) => `${lead}${name}=${keepPlaceholder(value)}`,
  },
  {
    // multiValueHeaders and lists: "Cookie": ["a=b"], 'Authorization': ['Bearer x'], \"Cookie\": [\"a\"].
    name: 'json-list',
    re: new RegExp(`((?<!\\\\)(\\\\*)(["'])(?:${JSON_KEYS})\\2\\3\\s*:\\s*\\[)([^\\[\\]\\r\\n]*)(\\]|(?=\\s\\[TRUNCATED\\]|[\\r\\n]|$))`, 'gi'),
    replace: (_m, head, slashes, quote, values, close) =>
      values.trim() === '' ? `${head}${values}${close}` : `${head}${slashes}${quote}${REDACTED}${slashes}${quote}${close}`,
  },
  {
    // JSON and Python dict string values: "password": "x", 'Authorization': 'Bearer x' (escape-aware).
    name: 'json-string',
    re: new RegExp(`((["'])(?:${JSON_KEYS})\\2\\s*:\\s*\\2)((?:(?!\\2)[^\\\\\\r\\n]|\\\\.)*)(\\2)`, 'gi'),
    replace: (_m, head, _q, value, close) => `${head}${keepPlaceholder(value)}${close}`,
  },
  {
    // JSON inside a JSON string (a proxy event's body, a log message read raw): \"password\":\"x\".
    name: 'escaped-json-string',
    re: new RegExp(`((?<!\\\\)(\\\\+)"(?:${JSON_KEYS})\\2"\\s*:\\s*\\2")((?:(?!\\2")[^\\r\\n])*)(\\2")`, 'gi'),
    replace: (_m, head, _s, value, close) => `${head}${keepPlaceholder(value)}${close}`,
  },
  {
    // Numbers under a secret key: "cvv": 123, "pin": 1234 is not listed on purpose (too common a word for counts).
    name: 'json-number',
    re: new RegExp(`((?<!\\\\)(\\\\*)(["'])(?:${SECRET_FIELDS})\\2\\3\\s*:\\s*)(-?\\d[\\d.]*)`, 'gi'),
    replace: `$1${REDACTED}`,
  },
  {
    // HTTP header lines: "Authorization: Bearer x", "cookie: a=b; c=d", Node's inspect "authorization: 'Bearer x'".
    name: 'header-line',
    re: new RegExp(`(^|[\\s{,;(])(${SECRET_HEADERS})(\\s*:\\s*)(["']?)([^\\r\\n"']+)`, 'gim'),
    replace: (_m, lead, name, sep, quote, value) => `${lead}${name}${sep}${quote}${keepPlaceholder(value)}`,
  },
  {
    // aws_secret_access_key = x / AWS_SECRET_ACCESS_KEY: x / SecretAccessKey=x (env files, credentials files, YAML).
    name: 'aws-secret',
    re: /\b((?:aws_?)?secret_?access_?key|(?:aws_?)?session_?token)(\\*["']?\s*[=:]\s*\\*["']?)([A-Za-z0-9/+=]{16,})/gi,
    replace: `$1$2${REDACTED}`,
  },
  {
    // key=value in query strings, form bodies and env files: password=x&, api_key=x, X-Amz-Security-Token=x.
    name: 'text-field',
    re: new RegExp(`(^|[^A-Za-z0-9_-])(${TEXT_KEYS})(=)(["']?)([^\\s,&}"'\\]]+)`, 'gi'),
    replace: (_m, lead, name, eq, quote, value) => `${lead}${name}${eq}${quote}${keepPlaceholder(value)}`,
  },
  {
    // A quoted value cut off before its closing quote (a line truncated at 1,024 bytes, "[TRUNCATED]", an excerpt).
    name: 'cut-json-string',
    re: new RegExp(`((?<!\\\\)(\\\\*)(["'])(?:${JSON_KEYS})\\2\\3\\s*:\\s*\\2\\3)([^"'\\\\\\r\\n]+)(?=\\s\\[TRUNCATED\\]|[\\r\\n]|$)`, 'gi'),
    replace: (_m, head, _s, _q, value) => `${head}${keepPlaceholder(value)}`,
  },
  // The scheme and its token are on one line: "Bearer" at a line's end is not followed by the next line's words.
  { name: 'bearer', re: /\b(Bearer|Basic)[ \t]+([A-Za-z0-9\-._~+/]{8,}=*)/g, replace: (_m, scheme, value) => `${scheme} ${keepPlaceholder(value)}` },
  // Three base64url parts, the first a JSON header ("eyJ" is base64 for '{"').
  { name: 'jwt', re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: REDACTED },
  { name: 'aws-access-key-id', re: /\b(?:AKIA|ASIA|AIDA|AROA|ANPA|ANVA|AGPA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g, replace: REDACTED },
  {
    // STS session tokens begin with the base64 of their version header whatever key they are under.
    name: 'aws-session-token',
    re: /\b(?:IQoJb3JpZ2lu|IQoJb3JpZ2luX2|FwoGZXIvYXdz|FQoGZXIvYXdz|AgoJb3JpZ2lu)[A-Za-z0-9/+=%]{16,}/g,
    replace: REDACTED,
  },
  // SigV4: "Signature=<64 hex>" in an Authorization value, X-Amz-Signature in a presigned URL.
  { name: 'sigv4-signature', re: /\b(Signature|X-Amz-Signature)=[0-9a-f]{64}\b/gi, replace: `$1=${REDACTED}` },
  { name: 'stripe-key', re: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{8,}|\bwhsec_[0-9A-Za-z]{16,}/g, replace: REDACTED },
  { name: 'slack-token', re: /\bxox[abposre]-[0-9A-Za-z-]{8,}|\bxapp-[0-9A-Za-z-]{8,}/g, replace: REDACTED },
  {
    name: 'slack-webhook',
    re: /\b(https?:\/\/hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/g,
    replace: `$1${REDACTED}`,
  },
  { name: 'github-token', re: /\bgh[pousr]_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}/g, replace: REDACTED },
  { name: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}/g, replace: REDACTED },
  {
    // scheme://user:password@host — the password runs to the last "@" of the authority (it may hold an "@").
    name: 'url-password',
    re: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):([^\s/?#]+)@/gi,
    replace: `$1:${REDACTED}@`,
  },
  {
    // Card numbers: four groups of four (or Amex 4-6-5) with spaces or dashes, or 15/16 digits alone; Luhn-checked
    // so that a 16-digit id that is not a card stays.
    name: 'card-number',
    re: /(?<![\d.-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}|\d{4}([ -])\d{6}\2\d{5}|[3-6]\d{14,15})(?![\d.-])/g,
    replace: (match) => (luhnValid(match.replace(/[ -]/g, '')) ? REDACTED : match),
  },
  { name: 'email', re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, replace: EMAIL_REDACTED },
];

/** The names of the built-in rules, in the order they apply (for documentation and tests). */
export const REDACTION_RULES: readonly string[] = RULES.map((r) => r.name);

/**
 * `text` with secrets and personal data replaced by [REDACTED] (e-mail addresses by [EMAIL]). `extraPatterns` (and
 * the patterns configured in REDACT_PATTERNS) apply after the built-in rules; a pattern without the g flag is
 * applied globally all the same. Never throws on data.
 */
export function redact(text: string, extraPatterns: readonly RegExp[] = []): string {
  let out = text.length > MAX_REDACT_INPUT_CHARS ? `${text.slice(0, MAX_REDACT_INPUT_CHARS)}…[${text.length - MAX_REDACT_INPUT_CHARS} characters cut]` : text;
  const patterns = [...configuredRedactPatterns(), ...extraPatterns];
  // Until nothing changes: a mask can complete a shape another rule masks (overlapping quotes and keys in garbled
  // lines), and an excerpt redacted here is redacted again before it is posted. Real lines settle in one pass.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = out;
    for (const rule of RULES) out = typeof rule.replace === 'string' ? out.replace(rule.re, rule.replace) : out.replace(rule.re, rule.replace);
    for (const re of patterns) out = out.replace(globalOf(re), REDACTED);
    if (out === before) break;
  }
  return out;
}

const MAX_PASSES = 4;

const globalCopies = new WeakMap<RegExp, RegExp>();

function globalOf(re: RegExp): RegExp {
  if (re.global && !re.sticky) return re;
  let copy = globalCopies.get(re);
  if (copy === undefined) {
    copy = new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}g`);
    globalCopies.set(re, copy);
  }
  return copy;
}
