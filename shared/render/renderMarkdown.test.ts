import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../model/diagnosis.ts';
import { renderMarkdown } from './renderMarkdown.ts';
import { sampleDiagnosis, TIMEOUT_REQUEST_ID } from './sampleDiagnosis.ts';

/** Cells of a GFM table row, split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function findingRows(markdown: string): string[] {
  const start = markdown.indexOf('| # | Cause |');
  const rows: string[] = [];
  for (const line of markdown.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleDiagnosis());

  it('heads the report with the root cause, the API, confidence and the summary', () => {
    expect(md.startsWith('## Lambda function timed out (`lambda-timeout`)\n')).toBe(true);
    expect(md).toContain('**API** `a1b2c3d4e5` (orders-api) · **stage** `prod` · REST API');
    expect(md).toContain('**Confidence:** high (0.93)');
    expect(md).toContain('orders-create ran into its 6 s timeout on 400 POST /orders requests');
  });

  it('lists the failing requests', () => {
    expect(md).toContain('- **Total:** 412, counted from the access log');
    expect(md).toContain('- **Onset:** 2026-11-24T10:02:11.000Z');
    expect(md).toContain('- **Status codes:** 502 × 400, 503 × 12');
    expect(md).toContain('- **Top routes:** `POST /orders` × 400, `GET /orders/{id}` × 12');
  });

  it('has a table of findings, one row per finding, most requests first', () => {
    const rows = findingRows(md);
    expect(rows).toHaveLength(2);
    expect(cells(rows[0] ?? '')).toEqual(['1', 'Lambda function timed out (`lambda-timeout`)', '400', 'high (0.93)', '`POST /orders`', '`orders-create`']);
    expect(cells(rows[1] ?? '')).toEqual([
      '2',
      'A dependency of the function failed (`downstream-dependency-failure`)',
      '12',
      'medium (0.71)',
      '`GET /orders/{id}`',
      '`orders-get`',
    ]);
  });

  it('puts excerpts in fenced code blocks and remediation in numbered lists', () => {
    expect(md).toContain(`- \`execution-log\` · 2026-11-24T10:02:17.514Z · request \`${TIMEOUT_REQUEST_ID}\``);
    expect(md).toMatch(/ {2}```text\n {2}\(7f1c2a4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b\) Lambda execution failed with status 200 due to customer function error: .*Task timed out after 6\.01 seconds/);
    expect(md).toContain('**Evidence** (4 of 5; the JSON output has them all)');
    expect(md).toContain('1. Raise orders-create\'s timeout back above its real duration');
    expect(md).toContain('2. Retry throttled writes with backoff in orders-get');
    expect(md).toContain('- **Alternatives:** `integration-timeout` (API Gateway integration timeout) low (0.12)');
  });

  it('has the suspect changes, gaps, unmatched evidence and stats', () => {
    expect(md).toContain('| 2026-11-24T09:58:02.000Z (4m 9s before onset) | UpdateFunctionConfiguration20150331v2 on orders-create: Timeout 30 → 6 | `arn:aws:sts::123456789012:assumed-role/deploy-role/jenkins` | cloudtrail |');
    expect(md).toContain('- changes/cloudtrail-2.json: not JSON (truncated at byte 18211); skipped.');
    // "_" would start emphasis in running text.
    expect(md).toContain('- logs/API-Gateway-Execution-Logs\\_a1b2c3d4e5/staging.json: 38 events');
    expect(md).toContain('_apigw-doctor read 14 files (1 skipped), 4,812 events, 1.2 MB · diagnosis schema v1_');
  });

  it('escapes pipes in table cells so that log content cannot add columns', () => {
    const unmatchedRow = md.split('\n').find((line) => line.startsWith('| lambda-log errors with no API request'));
    expect(unmatchedRow).toBe('| lambda-log errors with no API request | 3 | `2026-11-24 10:03:01.221 \\| WARN \\| HikariPool-1 - Connection is not available \\| request timed out after 30000ms` |');
    expect(cells(unmatchedRow ?? '')).toHaveLength(3);

    const d = sampleDiagnosis();
    const [first] = d.findings;
    if (first === undefined) throw new Error('sample has findings');
    first.routes = ['GET /search|export'];
    first.title = 'Timed out | twice\nreally';
    const [row] = findingRows(renderMarkdown(d));
    expect(cells(row ?? '')).toHaveLength(6);
    expect(row).toContain('`GET /search\\|export`');
    expect(row).toContain('Timed out \\| twice really');
  });

  it('uses a longer fence when an excerpt holds backticks, and never leaks ANSI codes', () => {
    const d = sampleDiagnosis();
    const [first] = d.findings;
    if (first === undefined) throw new Error('sample has findings');
    first.evidence = [{ source: 'lambda-log', excerpt: 'markdown in a log:\n```\n\u001b[31mred\u001b[0m\n```' }];
    const out = renderMarkdown(d);
    expect(out).toContain('  ````text\n  markdown in a log:\n  ```\n  red\n  ```\n  ````');
    expect(out).not.toContain('\u001b');
  });

  it('keeps log text from becoming headings, lists or links', () => {
    const d = sampleDiagnosis();
    d.rootCause.summary = '# not a heading [click](http://example.com) <script>';
    const [first] = d.findings;
    if (first !== undefined) first.summary = '1. not a list';
    const out = renderMarkdown(d);
    expect(out).toContain('\\# not a heading \\[click\\](http://example.com) \\<script\\>');
    expect(out).toContain('\n1\\. not a list\n');
  });

  it('reports an insufficient-evidence diagnosis without a findings table', () => {
    const d: Diagnosis = {
      ...sampleDiagnosis(),
      rootCause: { id: 'insufficient-evidence', title: 'Not enough evidence to decide', confidence: 0.1, summary: 'No execution or Lambda logs.' },
      findings: [],
      suspectChanges: [],
    };
    const out = renderMarkdown(d);
    expect(out).toContain('## Not enough evidence to decide (`insufficient-evidence`)');
    expect(out).toContain('the evidence that would decide it is missing; see the gaps');
    expect(out).toContain('No finding stood up');
    expect(out).not.toContain('| # | Cause |');
    expect(out).toContain('None found before the failures.');
  });

  it('keeps every findings row at six cells whatever the strings hold', () => {
    const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('|', '\\', '\n', '`', '\u001b', ' '), fc.integer({ min: 32, max: 0x2fff }).map((c) => String.fromCodePoint(c))), maxLength: 80 });
    fc.assert(
      fc.property(anyText, anyText, anyText, (title, route, fn) => {
        const d = sampleDiagnosis();
        const [first] = d.findings;
        if (first === undefined) throw new Error('sample has findings');
        first.title = title;
        first.routes = [route];
        first.functions = [fn];
        const out = renderMarkdown(d);
        expect(out).not.toContain('\u001b');
        for (const row of findingRows(out)) expect(cells(row)).toHaveLength(6);
      }),
      { numRuns: 300 },
    );
  });
});
