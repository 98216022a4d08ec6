/**
 * Removes secrets and personal data from text before it is quoted in a diagnosis that may be posted
 * to a ticket, Slack or SNS. Patterns are ordered: the specific ones first so a generic one does not
 * half-mask a token.
 */
const REDACTED = '[REDACTED]';

const PATTERNS: { name: string; re: RegExp; replace: string }[] = [
  // Header maps as API Gateway prints them ({Authorization=Bearer x, Cookie=a=b}) and as JSON/HTTP headers.
  {
    name: 'auth-header',
    re: /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-amz-security-token|x-auth-token)(["']?\s*[=:]\s*["']?)([^,}"'\r\n]+)/gi,
    replace: `$1$2${REDACTED}`,
  },
  { name: 'bearer', re: /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g, replace: `$1 ${REDACTED}` },
  { name: 'jwt', re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: REDACTED },
  { name: 'aws-access-key', re: /\b(AKIA|ASIA|AIDA|AROA|ANPA|ANVA|AGPA)[A-Z0-9]{16}\b/g, replace: REDACTED },
  {
    name: 'aws-secret',
    re: /\b(aws_?secret_?access_?key|secretAccessKey|aws_?session_?token|sessionToken)(["']?\s*[=:]\s*["']?)([A-Za-z0-9/+=]{16,})/gi,
    replace: `$1$2${REDACTED}`,
  },
  { name: 'url-password', re: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):([^\s@/]+)@/gi, replace: `$1:${REDACTED}@` },
  {
    name: 'password-field',
    re: /\b(password|passwd|pwd|secret|client_secret|api_?key|apikey|access_token|refresh_token|token)(["']?\s*[=:]\s*["']?)([^\s,&}"']+)/gi,
    replace: `$1$2${REDACTED}`,
  },
  { name: 'email', re: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, replace: '[EMAIL]' },
];

export function redact(text: string, extraPatterns: readonly RegExp[] = []): string {
  let out = text;
  for (const p of PATTERNS) out = out.replace(p.re, p.replace);
  for (const re of extraPatterns) out = out.replace(re, REDACTED);
  return out;
}
