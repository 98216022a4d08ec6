/** Expected vs produced root causes over many incidents, and the accuracy. Pure; printing is the caller's. */
export interface EvaluationRow {
  name: string;
  expected: string;
  produced: string;
  expectedFindings: string[];
  producedFindings: string[];
}

export function confusionMatrix(rows: readonly EvaluationRow[]): { labels: string[]; counts: number[][]; accuracy: number; findingsAccuracy: number } {
  const labels = [...new Set(rows.flatMap((r) => [r.expected, r.produced]))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const r of rows) {
    const row = counts[index.get(r.expected) ?? 0];
    const col = index.get(r.produced) ?? 0;
    if (row) row[col] = (row[col] ?? 0) + 1;
  }
  const correct = rows.filter((r) => r.expected === r.produced).length;
  const sameFindings = rows.filter((r) => sameSet(r.expectedFindings, r.producedFindings)).length;
  return {
    labels,
    counts,
    accuracy: rows.length ? correct / rows.length : 0,
    findingsAccuracy: rows.length ? sameFindings / rows.length : 0,
  };
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

export function renderConfusionMatrix(m: ReturnType<typeof confusionMatrix>): string {
  const short = m.labels.map((_, i) => `c${i + 1}`);
  const width = Math.max(...m.labels.map((l) => l.length), 8);
  const lines = [`${'expected \\ produced'.padEnd(width + 5)} ${short.map((s) => s.padStart(4)).join('')}`];
  m.labels.forEach((label, i) => {
    lines.push(`${`c${i + 1}`.padEnd(4)} ${label.padEnd(width)} ${(m.counts[i] ?? []).map((n) => (n === 0 ? '.' : String(n)).padStart(4)).join('')}`);
  });
  return lines.join('\n');
}
