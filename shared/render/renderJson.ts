/** The contract's diagnosis JSON (section 3), as `diagnose --format json` prints it. */
import type { Diagnosis } from '../model/diagnosis.ts';

export function renderJson(d: Diagnosis): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
