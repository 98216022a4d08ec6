/**
 * npm run eval: diagnoses every bundle in events/incidents/ and prints a confusion matrix of expected
 * vs produced root cause, the root-cause accuracy and how many diagnoses have exactly the expected
 * set of findings.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { diagnoseBundle } from '../shared/diagnoseBundle.ts';
import { readExpected } from '../shared/evaluation/expectedDiagnosis.ts';
import { type EvaluationRow, confusionMatrix, renderConfusionMatrix, sameSet } from '../shared/evaluation/confusionMatrix.ts';

const root = path.resolve(process.argv[2] ?? 'events/incidents');
const rows: EvaluationRow[] = [];
for (const name of (await readdir(root)).sort()) {
  const dir = path.join(root, name);
  const expected = await readExpected(dir).catch((e: unknown) => {
    console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  });
  if (!expected) continue;
  let produced = 'error';
  let producedFindings: string[] = [];
  let confidence = 0;
  try {
    const d = await diagnoseBundle(dir);
    produced = d.rootCause.id;
    confidence = d.rootCause.confidence;
    producedFindings = d.findings.map((f) => f.id);
  } catch (e) {
    console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  rows.push({ name, expected: expected.rootCause, produced, expectedFindings: expected.findings, producedFindings });
  const mark = produced === expected.rootCause ? (sameSet(expected.findings, producedFindings) ? 'ok  ' : 'ok~ ') : 'MISS';
  console.log(`${mark} ${name.padEnd(52)} expected ${expected.rootCause.padEnd(30)} got ${produced} (${confidence.toFixed(2)})${sameSet(expected.findings, producedFindings) ? '' : ` findings [${producedFindings.join(', ')}] vs [${expected.findings.join(', ')}]`}`);
}
const m = confusionMatrix(rows);
console.log(`\n${renderConfusionMatrix(m)}\n`);
console.log(`root-cause accuracy: ${(m.accuracy * 100).toFixed(1)}% (${rows.filter((r) => r.expected === r.produced).length}/${rows.length})`);
console.log(`exact findings set:  ${(m.findingsAccuracy * 100).toFixed(1)}%`);
