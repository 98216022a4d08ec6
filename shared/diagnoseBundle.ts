import type { Diagnosis } from './model/diagnosis.ts';
import type { DiagnoseOptions } from './diagnoseOptions.ts';
import { BundleEvidenceSource } from './bundle/BundleEvidenceSource.ts';
import { diagnose } from './diagnose.ts';

/** Diagnoses an incident bundle folder (what `apigw-doctor diagnose --evidence DIR` runs). */
export async function diagnoseBundle(dir: string, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const source = await BundleEvidenceSource.open(dir);
  return diagnose(source, options);
}
