import { describe, expect, it } from 'vitest';
import { renderJson } from './renderJson.ts';
import { sampleDiagnosis } from './sampleDiagnosis.ts';

describe('renderJson', () => {
  it('prints the diagnosis as indented JSON and a newline, and parses back to the same diagnosis', () => {
    const d = sampleDiagnosis();
    const out = renderJson(d);
    expect(out).toBe(`${JSON.stringify(d, null, 2)}\n`);
    expect(JSON.parse(out)).toEqual(d);
    expect(out.startsWith('{\n  "schemaVersion": 1,')).toBe(true);
  });

  it('escapes control characters from log content instead of printing them', () => {
    const d = sampleDiagnosis();
    d.gaps = ['\u001b[31mred\u001b[0m'];
    const out = renderJson(d);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('"\\u001b[31mred\\u001b[0m"');
  });
});
