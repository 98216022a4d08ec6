import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RootCauseId } from '../model/rootCauses.ts';
import { isRootCauseId } from '../model/rootCauses.ts';

/** events/incidents/<name>/expected.json: what a correct diagnosis of the bundle says. */
export interface ExpectedDiagnosis {
  rootCause: RootCauseId;
  findings: RootCauseId[];
  failingRequests?: number;
  api?: { id?: string; stage?: string; type?: string };
}

export async function readExpected(bundleDir: string): Promise<ExpectedDiagnosis | undefined> {
  let raw: string;
  try {
    raw = await readFile(path.join(bundleDir, 'expected.json'), 'utf8');
  } catch {
    return undefined;
  }
  const json = JSON.parse(raw) as Record<string, unknown>;
  const rootCause = String(json['rootCause']);
  if (!isRootCauseId(rootCause)) throw new Error(`${bundleDir}/expected.json: unknown rootCause ${rootCause}`);
  const findings = Array.isArray(json['findings']) ? json['findings'].map(String).filter(isRootCauseId) : [rootCause];
  const expected: ExpectedDiagnosis = { rootCause, findings };
  if (typeof json['failingRequests'] === 'number') expected.failingRequests = json['failingRequests'];
  if (json['api'] && typeof json['api'] === 'object') expected.api = json['api'] as ExpectedDiagnosis['api'];
  return expected;
}
