/** Where a diagnosis keeps its evidence in the store: one folder per diagnosis, one file per step. */
export function evidenceKey(diagnosisId: string, file: string): string {
  return `diagnoses/${diagnosisId}/${file}`;
}

/** Beside diagnosis.json: the chart's inputs (5xx per minute, deployments), read by Notify. */
export const CHART_FILE = 'chart.json';
