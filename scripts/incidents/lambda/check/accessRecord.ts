/** Reads our access log records back (JSON with any of our field names, CLF, CSV, XML) for the checks. */

export interface AccessFacts {
  requestId: string;
  status: number;
  time?: number;
  stage?: string;
  xrayTraceId?: string;
  lambdaRequestId?: string;
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

export function parseRequestTime(value: string): number | undefined {
  const m = /^(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) \+0000$/.exec(value);
  if (!m) return undefined;
  const month = MONTHS[m[2] ?? ''];
  if (month === undefined) return undefined;
  return Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function pick(doc: Record<string, unknown>, names: string[]): string | undefined {
  for (const n of names) {
    const v = doc[n];
    if (typeof v === 'string' && v !== '-') return v;
  }
  return undefined;
}

export function parseAccessRecord(message: string): AccessFacts | null {
  const text = message.trim();
  if (text.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return null;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return null;
    const d = doc as Record<string, unknown>;
    const requestId = pick(d, ['requestId', 'rid', 'request_id', 'id']);
    const status = pick(d, ['status', 'code', 'st', 's']);
    if (requestId === undefined || status === undefined) return null;
    const epoch = pick(d, ['at', 'ts', 't']);
    const rt = pick(d, ['requestTime', 'time']);
    const facts: AccessFacts = { requestId, status: Number(status) };
    const time = epoch !== undefined ? Number(epoch) : rt !== undefined ? parseRequestTime(rt) : undefined;
    if (time !== undefined) facts.time = time;
    const stage = pick(d, ['stage']);
    if (stage !== undefined) facts.stage = stage;
    const xray = pick(d, ['xrayTraceId', 'trace']);
    if (xray !== undefined) facts.xrayTraceId = xray;
    const lambda = pick(d, ['integrationRequestId', 'lambda_rid', 'lambdaRequestId', 'aws_request_id', 'lrid']);
    if (lambda !== undefined) facts.lambdaRequestId = lambda;
    return facts;
  }
  if (text.startsWith('<request')) {
    const id = /<request id="([^"]+)">/.exec(text)?.[1];
    const status = /<status>(\d{3})<\/status>/.exec(text)?.[1];
    const rt = /<requestTime>([^<]+)<\/requestTime>/.exec(text)?.[1];
    if (id === undefined || status === undefined) return null;
    const facts: AccessFacts = { requestId: id, status: Number(status) };
    const time = rt !== undefined ? parseRequestTime(rt) : undefined;
    if (time !== undefined) facts.time = time;
    return facts;
  }
  const clf = /^\S+ \S+ \S+ \[([^\]]+)\]"\S+ \S+ \S+" (\d{3}) \S+ (\S+) \S+$/.exec(text);
  if (clf) {
    const facts: AccessFacts = { requestId: clf[3] ?? '', status: Number(clf[2]) };
    const time = parseRequestTime(clf[1] ?? '');
    if (time !== undefined) facts.time = time;
    return facts;
  }
  const csv = text.split(',');
  if (csv.length === 11) {
    const facts: AccessFacts = { requestId: csv[9] ?? '', status: Number(csv[7]) };
    const time = parseRequestTime(csv[3] ?? '');
    if (time !== undefined) facts.time = time;
    return facts;
  }
  return null;
}
