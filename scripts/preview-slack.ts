/**
 * Preview of the Slack incident message for an incident bundle:
 *   npx tsx scripts/preview-slack.ts --evidence DIR --out OUTDIR
 * writes OUTDIR/message.json (the chat.postMessage payload), message.html, thread.json/thread.html, the evidence
 * file, and message.png when headless Chromium is installed. Exit 0 when the previews are written (with or
 * without the PNG), 2 on bad arguments or an unreadable bundle, 1 otherwise.
 */
import { UnreadableBundleError } from '../shared/errors.ts';
import { PREVIEW_USAGE, parsePreviewArgs } from './previewSlack/previewArgs.ts';
import { previewSlack } from './previewSlack/previewSlack.ts';

async function main(argv: readonly string[]): Promise<number> {
  const args = parsePreviewArgs(argv);
  if ('problem' in args) {
    if (args.problem !== '') process.stderr.write(`preview-slack: ${args.problem}\n`);
    process.stderr.write(`${PREVIEW_USAGE}\n`);
    return args.problem === '' ? 0 : 2;
  }
  try {
    const result = await previewSlack(args);
    const d = result.diagnosis;
    process.stdout.write(`${d.api.name ?? d.api.id} ${d.api.stage}: ${d.rootCause.title} (${d.rootCause.id}), ${result.payload.blocks.length} blocks\n`);
    for (const file of result.files) process.stdout.write(`wrote ${file}\n`);
    if (result.png) process.stdout.write(`message.png: ${result.png.width}×${result.png.height}, ${result.png.bytes} bytes\n`);
    if (result.pngProblem) process.stdout.write(`no message.png: ${result.pngProblem}\n`);
    for (const problem of result.problems) process.stderr.write(`Block Kit problem: ${problem}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UnreadableBundleError) {
      process.stderr.write(`preview-slack: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`preview-slack: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
