/** Command line of scripts/preview-slack.ts. */

export interface PreviewArgs {
  evidence: string;
  out: string;
  diagnosisId?: string;
  chartImageUrl?: string;
  channel: string;
}

export const PREVIEW_USAGE = `usage: npx tsx scripts/preview-slack.ts --evidence DIR --out OUTDIR [--diagnosis-id ID] [--chart-image-url URL] [--channel NAME]

Diagnoses the incident bundle DIR and writes, in OUTDIR:
  message.json   the chat.postMessage payload (paste "blocks" into Slack's Block Kit Builder)
  message.html   a Slack-like rendering of it; thread.html with the evidence thread under it
  thread.json    the thread replies; the evidence file for an upload
  message.png    a screenshot of message.html, when headless Chromium is installed
                 (apt-get install -y chromium; or set CHROMIUM to its path)`;

/** The arguments, or a problem to print with the usage. */
export function parsePreviewArgs(argv: readonly string[]): PreviewArgs | { problem: string } {
  const values: Record<string, string> = {};
  const known = new Set(['--evidence', '--out', '--diagnosis-id', '--chart-image-url', '--channel']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { problem: '' };
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!known.has(flag)) return { problem: `unknown argument: ${arg}` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) return { problem: `${flag} needs a value` };
    values[flag] = value;
  }
  const evidence = values['--evidence'];
  const out = values['--out'];
  if (evidence === undefined) return { problem: '--evidence DIR is required' };
  if (out === undefined) return { problem: '--out OUTDIR is required' };
  const args: PreviewArgs = { evidence, out, channel: values['--channel'] ?? '#incidents' };
  if (values['--diagnosis-id'] !== undefined) args.diagnosisId = values['--diagnosis-id'];
  if (values['--chart-image-url'] !== undefined) args.chartImageUrl = values['--chart-image-url'];
  return args;
}
