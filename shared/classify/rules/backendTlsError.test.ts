import { describe, it, expect } from 'vitest';
import { backendTlsError } from './backendTlsError.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, LAMBDA_REQUEST_ID, restHttpCall, restLambdaCall, restLambdaResponse, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

/** REST: the call to an HTTP backend, then API Gateway's TLS failure line (API_GATEWAY_LOG_SHAPES.md §1.2). */
function restTls(url: string, failure: string): string[] {
  return [...restRequestStart(REQUEST_ID, 'GET', '/reports'), ...restHttpCall(url), failure, 'Method completed with status: 500'];
}

describe('backend-tls-error', () => {
  describe('matches', () => {
    it.each([
      // KC api-gateway-ssl-certificate-errors (a self-signed certificate, "Sending request to https://self-signed.badssl.com/")
      ['an untrusted chain', 'https://self-signed.badssl.com/', 'Execution failed due to configuration error: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target'],
      // same article: an expired certificate
      ['an expired certificate', 'https://expired.badssl.com/', 'Execution failed due to configuration error: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed'],
      // KC api-gateway-500-error-vpc
      ['a host name that does not match', 'https://domain.com.com/', "Execution failed due to configuration error: Host name 'domain.com.com' does not match the certificate subject provided by the peer (CN=myinstance.com)"],
      // cloudnamaste.com "API Gateway General SSLEngine error"
      ['a failed handshake', 'https://legacy.example.com/', 'Execution failed due to configuration error: General SSLEngine problem'],
    ])('REST execution log: %s', (_what, url, failure) => {
      const r = requestEvidence({ execution: restTls(url, failure) });
      const m = mustMatch(backendTlsError, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts.backend).toBe(url);
      expect(m.facts.detail).toBe(failure);
    });

    it('access log only: the failure text in $context.integrationErrorMessage is weaker', () => {
      const r = requestEvidence({
        access: {
          requestId: REQUEST_ID,
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          resourcePath: '/reports',
          status: '500',
          error_message: 'Internal server error',
          integration_error: 'Execution failed due to configuration error: General SSLEngine problem',
        },
        integration: { route: 'GET /reports', type: 'http_proxy', uri: 'https://legacy.example.com/' },
      });
      const m = mustMatch(backendTlsError, r, REST);
      expect(m.confidence).toBeLessThan(0.9);
      expect(m.facts.backend).toBe('https://legacy.example.com/');
    });
  });

  describe('does not match', () => {
    it('a function whose own outbound call hit an expired certificate (the function\'s error, quoted)', () => {
      // Node.js's TLS error text "certificate has expired" (CERT_HAS_EXPIRED), quoted by API Gateway (§1.2 shape).
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/reports'),
          ...restLambdaCall(functionArn('reports-fn'), '/reports', 'GET'),
          ...restLambdaResponse({ latencyMs: 220, functionError: 'Unhandled', body: '{"errorType":"Error","errorMessage":"certificate has expired","code":"CERT_HAS_EXPIRED"}' }),
          `Lambda execution failed with status 200 due to customer function error: certificate has expired. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
      });
      expect(backendTlsError.match(r, REST)).toBeUndefined();
    });

    it('an HTTP API quoting the function\'s own TLS failure', () => {
      const r = requestEvidence({
        access: {
          requestId: 'Vdn1ng7PIAMEVPw=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          routeKey: 'GET /reports',
          status: '500',
          // "The Lambda function returned the following error: ... Check your Lambda function code and try again." (index file 28192826103)
          integrationErrorMessage:
            'The Lambda function returned the following error: self signed certificate in certificate chain. Check your Lambda function code and try again.',
        },
        functionName: 'reports-fn',
      });
      expect(backendTlsError.match(r, HTTP)).toBeUndefined();
    });

    it('a backend that answered, with "SSL" in its own error body', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/reports'),
          ...restHttpCall('https://legacy.example.com/'),
          'Received response. Status: 503, Integration latency: 15 ms',
          'Endpoint response body before transformations: {"error":"upstream SSL pool exhausted"}',
          'Method completed with status: 503',
        ],
      });
      expect(backendTlsError.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the backend and give the openssl command for its host', () => {
      const r = requestEvidence({ execution: restTls('https://expired.badssl.com/', 'Execution failed due to configuration error: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed') });
      const f = findingFacts([{ request: r, match: mustMatch(backendTlsError, r, REST) }], REST);
      expect(backendTlsError.summarise(f)).toBe('API Gateway cannot complete TLS with https://expired.badssl.com/: 1 request to GET /reports failed.');
      expect(backendTlsError.remediate(f)[0]).toContain('openssl s_client -connect expired.badssl.com:443 -servername expired.badssl.com');
    });
  });
});
