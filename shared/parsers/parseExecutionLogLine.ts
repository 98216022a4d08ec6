import type { LogEvent } from '../model/logEvent.ts';
import type { ExecutionLogLine } from '../model/records.ts';

/**
 * REST (and WebSocket) API execution log lines: "(<requestId>) <text>".
 * The id is a UUID for REST APIs and an extended-id-like token ("PDS1PEC4oAMFpyA=") for WebSocket APIs.
 * See API_GATEWAY_LOG_SHAPES.md for the real lines this accepts.
 */

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** API Gateway's extended request id: 15 base64url characters and "=" (e.g. "Vwc2MGFUrPEFV_g="). */
const EXTENDED_ID = '[A-Za-z0-9_-]{12,22}={1,2}';

// An ISO time in front is tolerated: some exports keep the event time inside the message.
const EXECUTION_LINE = new RegExp(
  `^\\s*(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?\\s+)?\\((${UUID}|${EXTENDED_ID})\\) ([\\s\\S]*)$`,
);

const HYPHEN = 0x2d;

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** Whether message[from, from + 36) is a UUID (8-4-4-4-12 hex digits). */
function uuidAt(message: string, from: number): boolean {
  for (let i = 0; i < 36; i++) {
    const c = message.charCodeAt(from + i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== HYPHEN : !isHexDigit(c)) return false;
  }
  return true;
}

export function parseExecutionLogLine(event: LogEvent): ExecutionLogLine | null {
  const message = typeof event.message === 'string' ? event.message : '';
  let requestId: string | undefined;
  let rest: string;
  // Nearly every line is "(<uuid>) <text>": read that without the regex, which finds the same groups
  // for it (the UUID alternative is tried first), and leave every other shape to the regex.
  if (message.charCodeAt(0) === 0x28 && message.charCodeAt(37) === 0x29 && message.charCodeAt(38) === 0x20 && uuidAt(message, 1)) {
    requestId = message.slice(1, 37);
    rest = message.slice(39);
  } else {
    const match = EXECUTION_LINE.exec(message);
    if (!match) return null;
    requestId = match[1];
    rest = match[2] ?? '';
  }
  // trimEnd strips exactly what /\s+$/ matches (white space and line terminators), without the regex's quadratic worst case.
  const text = rest.trimEnd();
  if (requestId === undefined || text.length === 0) return null;
  const line: ExecutionLogLine = { requestId, timestamp: event.timestamp, text, file: event.file };
  if (event.logGroup !== undefined) line.logGroup = event.logGroup;
  return line;
}

/**
 * "API-Gateway-Execution-Logs_{apiId}/{stage}" (also with the "account:" prefix Logs Insights puts in @log,
 * or with a stream name after the stage when the name came from a bundle path).
 */
export function apiAndStageFromExecutionLogGroup(group: string): { apiId: string; stage: string } | undefined {
  if (typeof group !== 'string') return undefined;
  const match = /(?:^|[:/])API-Gateway-Execution-Logs[_/]([A-Za-z0-9]+)\/([^/\s]+)/.exec(group.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  return { apiId: match[1], stage: match[2] };
}
