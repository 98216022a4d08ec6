import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

describe('redact', () => {
  it('masks Authorization and Cookie in API Gateway execution-log header maps', () => {
    // Shape of "Method request headers: {...}" lines in REST execution logs (data tracing on).
    const line =
      'Method request headers: {Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc123def, Cookie=session=s3cr3t, Host=api.example.com, User-Agent=curl/8.4.0}';
    const out = redact(line);
    expect(out).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(out).not.toContain('s3cr3t');
    expect(out).toContain('Host=api.example.com');
    expect(out).toContain('User-Agent=curl/8.4.0');
  });

  it('masks JWTs, access keys, secrets and URL passwords', () => {
    const out = redact(
      'token eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ4In0.sig key AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY postgres://app:hunter2@db:5432/x',
    );
    expect(out).not.toMatch(/eyJhbGci|AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|hunter2/);
    expect(out).toContain('postgres://app:[REDACTED]@db:5432/x');
  });

  it('masks passwords and api keys in JSON bodies and e-mail addresses', () => {
    const out = redact('{"email":"jane.doe@example.com","password":"p@ss w0rd","apiKey":"k-123"}');
    expect(out).not.toContain('jane.doe@example.com');
    expect(out).not.toContain('k-123');
    expect(out).not.toContain('p@ss');
  });

  it('leaves ordinary diagnostic text alone', () => {
    const line = 'Lambda execution failed with status 200 due to customer function error: Task timed out after 6.00 seconds';
    expect(redact(line)).toBe(line);
  });

  it('applies configured extra patterns', () => {
    expect(redact('customer 4111-1111-1111-1111', [/\d{4}-\d{4}-\d{4}-\d{4}/g])).toBe('customer [REDACTED]');
  });
});
