import type { Diagnosis, EvidenceItem } from '../../model/diagnosis.ts';
import { sampleDiagnosis, TIMEOUT_REQUEST_ID } from '../../render/sampleDiagnosis.ts';

/** An incident far bigger than a message: 20 findings with 20 long excerpts each, 5,000 sampled ids, 2,000 routes. */
export function hugeDiagnosis(): Diagnosis {
  const d = sampleDiagnosis();
  const template = d.findings[0];
  if (template === undefined) throw new Error('sample has no finding');
  const excerpt: EvidenceItem = { source: 'lambda-log', requestId: TIMEOUT_REQUEST_ID, functionName: 'orders-create', excerpt: `java.lang.OutOfMemoryError: Java heap space\n${'\tat com.example.orders.Handler.handleRequest(Handler.java:88)\n'.repeat(120)}` };
  d.findings = Array.from({ length: 20 }, (_, i) => ({ ...template, summary: `finding ${i}: ${template.summary}`, evidence: Array.from({ length: 20 }, () => excerpt), sampledRequestIds: Array.from({ length: 200 }, (_, j) => `${i}-${j}-7f1c2a4e-5b6d-4e8f-9a0b`) }));
  d.failingRequests.total = 250_000;
  d.failingRequests.sampled = Array.from({ length: 5000 }, (_, i) => `req-${i}-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`);
  d.failingRequests.byRoute = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`GET /items/${i}`, 2000 - i]));
  d.gaps = Array.from({ length: 300 }, (_, i) => `gap ${i}: ${'the log group /aws/lambda/orders-create has no events in the window; '.repeat(10)}`);
  return d;
}

