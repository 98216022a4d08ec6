import type { Diagnosis } from './model/diagnosis.ts';
import type { DiagnoseOptions } from './diagnoseOptions.ts';
import { UnreadableBundleError } from './errors.ts';
import { BundleEvidenceSource } from './bundle/BundleEvidenceSource.ts';
import { diagnose } from './diagnose.ts';

/** Diagnoses an incident bundle folder (what `apigw-doctor diagnose --evidence DIR` runs). */
export async function diagnoseBundle(dir: string, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const source = await BundleEvidenceSource.open(dir);
  const diagnosis = await diagnose(source, options);
  // Nothing at all could be read: that is an unreadable bundle (exit 2), not a diagnosis.
  if (source.stats.filesRead === 0) {
    const reasons = source.problems.slice(0, 5).map((p) => `  - ${p.message}`).join('\n');
    throw new UnreadableBundleError(`${dir}: no file of the bundle could be read:\n${reasons}`);
  }
  return diagnosis;
}
