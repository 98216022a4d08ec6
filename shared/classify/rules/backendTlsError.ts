import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, PAYLOAD_LINE } from '../evidenceExcerpts.ts';
import { backendHost, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';
import { accessErrorTexts, integrationUri, isFunctionErrorQuote } from '../signals.ts';

/**
 * The TLS handshake or certificate check with an HTTP/VPC-link backend failed: "General SSLEngine
 * problem", "PKIX path building failed", "Host name ... does not match the certificate subject",
 * certificate expired / self signed. Only in API Gateway's own failure lines: not in a quoted URL or
 * body, and not in the function's own error ("certificate has expired" met by its outbound call).
 */
const TLS =
  /SSLEngine|PKIX path|SSL ?Handshake|handshake_failure|certificate (has )?expired|self[- ]signed certificate|does not match the certificate|certificate subject|unable to find valid certification path|\bssl\b|\btls\b|x509/i;
const FAILURE = /fail|error|problem|does not match|unable|invalid|expired|exception/i;

export const backendTlsError: Rule = {
  id: 'backend-tls-error',
  match(r): RuleMatch | undefined {
    const line = (r.execution?.lines ?? []).find(
      (l) => !PAYLOAD_LINE.test(l.text) && !isFunctionErrorQuote(l.text) && TLS.test(l.text) && FAILURE.test(l.text),
    );
    const execFailure = line ? { line } : undefined;
    const accessText = accessErrorTexts(r).find((t) => TLS.test(t) && !isFunctionErrorQuote(t));
    if (!execFailure && !accessText) return undefined;
    const facts: RuleMatch['facts'] = { detail: (execFailure?.line.text ?? accessText ?? '').slice(0, 300) };
    const backend = integrationUri(r);
    if (backend) facts.backend = backend;
    return {
      id: 'backend-tls-error',
      confidence: execFailure ? 0.92 : 0.85,
      reason: 'TLS with the backend failed',
      evidence: compact([execFailure && executionEvidence(r, execFailure.line), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    return `API Gateway cannot complete TLS with ${f.facts.backend ?? 'the backend'}: ${requestsLabel(f.requestCount)} to ${routeLabel(f)} failed${sinceLabel(f)}.`;
  },
  remediate(f) {
    const host = backendHost(f) ?? 'BACKEND_HOST';
    return [
      `Inspect the backend's certificate chain: openssl s_client -connect ${host}:443 -servername ${host} -showcerts </dev/null — API Gateway requires a certificate from a trusted public CA (see the API Gateway list of supported CAs), valid now, whose name matches the integration host.`,
      'Renew an expired certificate, install the full chain (intermediates) on the server or load balancer, and use the hostname on the certificate in the integration URI (not an IP or an internal name).',
      'For a VPC link (NLB with TLS), the certificate must match the host in the integration URI; REST APIs can set tlsConfig.insecureSkipVerification only as a temporary measure.',
    ];
  },
};
