/**
 * The log group a bundle path suggests. Contract section 1: the path below logs/ without its
 * extension names the group (logs/aws/lambda/orders-fn.json is /aws/lambda/orders-fn), but a file
 * may also hold one stream of a group (logs/<group>/<stream>.json). The name is only a hint.
 */

/** Extensions of log files, longest first so that ".json" does not hide ".jsonl". */
export const LOG_FILE_EXTENSIONS = ['.ndjson', '.jsonl', '.json', '.log', '.txt'] as const;

/** The file name without ".gz" and without a log extension; undefined when it is not a log file name. */
export function stripLogExtension(name: string): string | undefined {
  let base = name;
  if (base.toLowerCase().endsWith('.gz')) base = base.slice(0, -3);
  const lower = base.toLowerCase();
  for (const ext of LOG_FILE_EXTENSIONS) {
    if (lower.endsWith(ext) && lower.length > ext.length) return base.slice(0, -ext.length);
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The group hint for a log file, given its path below logs/ ("aws/lambda/orders-fn.json").
 * AWS's own groups start with "/aws/", so a leading "aws" segment gets its slash back;
 * percent-encoded names ("%2Faws%2Flambda%2Forders-fn.json") are decoded.
 */
export function groupHintFromLogPath(pathBelowLogs: string): string | undefined {
  const segments = pathBelowLogs.split('/').filter((s) => s.length > 0);
  const last = segments.pop();
  if (last === undefined) return undefined;
  const base = stripLogExtension(last) ?? last;
  const hint = [...segments, base].map(decodeSegment).join('/');
  if (hint.length === 0) return undefined;
  if (hint.startsWith('/')) return hint;
  // Transaction Search's group is the one AWS group without the slash: "aws/spans".
  if (hint === 'aws/spans' || hint.startsWith('aws/spans/')) return 'aws/spans';
  return hint.split('/')[0] === 'aws' ? `/${hint}` : hint;
}

// A Lambda stream name as a file name or as folders: 2026/03/10/[$LATEST]0123abcd..., 2026-03-10-[12]0123abcd...
const LAMBDA_STREAM_TAIL = /\/(\d{4}[/_-]?\d{2}[/_-]?\d{2}[/_-]?\[[^\]/]*\][0-9a-f]{16,})$/i;
// API Gateway execution log streams are 32 hex digits inside API-Gateway-Execution-Logs_<apiId>/<stage>.
const EXECUTION_LOG_STREAM_TAIL = /^(API-Gateway-Execution-Logs_[^/]+\/[^/]+)\/[0-9a-f]{32}$/i;

function comparable(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Resolves the group of a file's events from its hint, once per file: when the hint ends with
 * the stream the content names (or with something shaped like a stream), the group is the part
 * before it.
 */
export class LogGroupResolver {
  private group: string | undefined;
  private decided = false;

  constructor(private readonly hint: string | undefined) {}

  groupFor(stream: string | undefined): string | undefined {
    if (!this.decided) {
      this.group = this.decide(stream);
      this.decided = true;
    }
    return this.group;
  }

  private decide(stream: string | undefined): string | undefined {
    const hint = this.hint;
    if (hint === undefined) return undefined;
    const cut = hint.lastIndexOf('/');
    if (stream !== undefined && stream.length > 0 && cut > 0) {
      if (hint.endsWith(`/${stream}`) && hint.length > stream.length + 1) return hint.slice(0, -(stream.length + 1));
      if (comparable(hint.slice(cut + 1)) === comparable(stream)) return hint.slice(0, cut);
      return hint;
    }
    const lambda = LAMBDA_STREAM_TAIL.exec(hint);
    if (lambda && lambda.index > 0) return hint.slice(0, lambda.index);
    const execution = EXECUTION_LOG_STREAM_TAIL.exec(hint);
    if (execution?.[1] !== undefined) return execution[1];
    return hint;
  }
}
