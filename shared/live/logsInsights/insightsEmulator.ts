/**
 * Test support: a small evaluator for the subset of Logs Insights QL that queries.ts writes, so that tests can run a
 * built query over real log lines and check what it counts and samples. It follows the documented semantics
 * (CWL_QuerySyntax.md and its pages): JSON messages are flattened into dotted field names; a `parse` that does not
 * match leaves the event without the fields; `coalesce` returns its first non-null argument; `like /re/` is a regex
 * search; `in [...]` is whole-value membership; `stats ... by` groups, `earliest`/`latest` take the value of the
 * oldest/newest event; `bin(5m)` floors @timestamp. It is an emulation of the service, not the service: moto cannot
 * run filter or stats, and the real syntax rules it does not check are covered by the query text tests.
 */

export interface EmulatedEvent {
  timestamp: number;
  message: string;
  logStream?: string;
  log?: string;
}

type Value = string | number | undefined;
type Row = Record<string, Value>;

export function runEmulatedQuery(query: string, events: readonly EmulatedEvent[]): Record<string, string>[] {
  let rows: Row[] = events.map((event) => ({
    ...flattenJson(event.message),
    '@timestamp': event.timestamp,
    '@message': event.message,
    '@logStream': event.logStream,
    '@log': event.log,
  }));
  let projection: string[] | undefined;
  for (const command of splitCommands(query)) {
    const [verb = '', rest = ''] = splitFirstWord(command);
    switch (verb) {
      case 'fields': {
        const items = splitTopLevel(rest, ',');
        const names: string[] = [];
        rows = rows.map((row) => {
          const next = { ...row };
          for (const item of items) {
            const { expression, alias } = splitAlias(item);
            const name = alias ?? unquoteField(expression);
            next[name] = evaluate(expression, row);
          }
          return next;
        });
        for (const item of items) names.push(splitAlias(item).alias ?? unquoteField(splitAlias(item).expression));
        projection = names;
        break;
      }
      case 'parse': {
        const match = /^@message\s+\/(.*)\/$/s.exec(rest.trim());
        if (!match) throw new Error(`emulator: unsupported parse: ${rest}`);
        const regex = insightsRegex(match[1] ?? '');
        rows = rows.map((row) => {
          const found = regex.exec(String(row['@message'] ?? ''));
          return found?.groups ? { ...row, ...found.groups } : row;
        });
        break;
      }
      case 'filter':
        rows = rows.filter((row) => condition(rest, row));
        break;
      case 'stats':
        rows = stats(rest, rows);
        projection = undefined;
        break;
      case 'sort': {
        const [field = '', direction = 'asc'] = rest.trim().split(/\s+/);
        rows = [...rows].sort((a, b) => compare(a[field], b[field]) * (direction === 'desc' ? -1 : 1));
        break;
      }
      case 'limit':
        rows = rows.slice(0, Number(rest.trim()));
        break;
      default:
        throw new Error(`emulator: unsupported command: ${command}`);
    }
  }
  return rows.map((row) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (projection && !projection.includes(key) && !key.startsWith('@')) continue;
      out[key] = key === '@timestamp' && typeof value === 'number' ? insightsTime(value) : String(value);
    }
    return out;
  });
}

/** Logs Insights prints times as "2026-03-10 14:04:37.296" (UTC). */
function insightsTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function flattenJson(message: string): Row {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return {};
  }
  const out: Row = {};
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    } else if (typeof value === 'string' || typeof value === 'number') out[path] = value;
    else if (typeof value === 'boolean') out[path] = String(value);
  };
  walk(parsed, '');
  return out;
}

function splitCommands(query: string): string[] {
  return splitTopLevel(query, '|').map((command) => command.trim()).filter((command) => command.length > 0);
}

function splitFirstWord(command: string): [string, string] {
  const match = /^(\w+)\s*([\s\S]*)$/.exec(command);
  return [match?.[1] ?? '', match?.[2] ?? ''];
}

/** Split on a separator outside quotes, backticks, brackets, parentheses and /regex/ literals. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote) {
      current += char;
      if (char === '\\') {
        current += text[i + 1] ?? '';
        i++;
      } else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === '`') quote = char;
    else if (char === '/' && /(?:like|=~|parse @message)\s*$/.test(current)) quote = '/';
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (char === separator && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

function splitAlias(item: string): { expression: string; alias?: string } {
  const match = /^([\s\S]*?)\s+as\s+([A-Za-z@][\w@]*)\s*$/.exec(item.trim());
  return match ? { expression: match[1] ?? '', alias: match[2] ?? '' } : { expression: item.trim() };
}

function unquoteField(name: string): string {
  return name.trim().replace(/^`|`$/g, '');
}

function evaluate(expression: string, row: Row): Value {
  const text = expression.trim();
  if (text.startsWith('"')) return JSON.parse(text) as string;
  const call = /^(\w+)\(([\s\S]*)\)$/.exec(text);
  if (call) {
    const args = splitTopLevel(call[2] ?? '', ',').map((arg) => evaluate(arg, row));
    switch (call[1]) {
      case 'coalesce':
        return args.find((arg) => arg !== undefined && arg !== null);
      case 'concat':
        return args.some((arg) => arg === undefined) ? undefined : args.map(String).join('');
      case 'substr': {
        const [value, start, length] = args;
        return value === undefined ? undefined : String(value).substr(Number(start), length === undefined ? undefined : Number(length));
      }
      default:
        throw new Error(`emulator: unsupported function ${call[1]}`);
    }
  }
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return row[unquoteField(text)];
}

function condition(text: string, row: Row): boolean {
  const orParts = splitKeyword(text, ' or ');
  return orParts.some((part) => splitKeyword(part, ' and ').every((term) => singleCondition(term.trim(), row)));
}

/** Split on " and " / " or " outside literals. */
function splitKeyword(text: string, keyword: string): string[] {
  const marker = '\u0001';
  const masked = splitTopLevel(text.replaceAll(keyword, marker), marker);
  return masked.map((part) => part.replaceAll(marker, keyword));
}

function singleCondition(term: string, row: Row): boolean {
  const like = /^([\s\S]+?)\s+like\s+\/([\s\S]*)\/$/.exec(term);
  if (like) {
    const value = evaluate(like[1] ?? '', row);
    return value !== undefined && insightsRegex(like[2] ?? '').test(String(value));
  }
  const inList = /^([\s\S]+?)\s+in\s+\[([\s\S]*)\]$/.exec(term);
  if (inList) {
    const value = evaluate(inList[1] ?? '', row);
    const members = splitTopLevel(inList[2] ?? '', ',').filter((m) => m.trim()).map((m) => evaluate(m, row));
    return value !== undefined && members.some((member) => String(member) === String(value));
  }
  const equals = /^([\s\S]+?)\s*=\s*([\s\S]+)$/.exec(term);
  if (equals) {
    const left = evaluate(equals[1] ?? '', row);
    const right = evaluate(equals[2] ?? '', row);
    return left !== undefined && String(left) === String(right);
  }
  throw new Error(`emulator: unsupported condition ${term}`);
}

/** A Logs Insights regex as a JS RegExp ("\/" is a plain slash in both). */
function insightsRegex(body: string): RegExp {
  return new RegExp(body);
}

function stats(text: string, rows: Row[]): Row[] {
  const byIndex = text.search(/\sby\s/);
  const aggregates = splitTopLevel(byIndex >= 0 ? text.slice(0, byIndex) : text, ',').map((item) => splitAlias(item));
  const keys = byIndex >= 0 ? splitTopLevel(text.slice(byIndex + 4), ',').map((item) => splitAlias(item)) : [];
  const groups = new Map<string, { key: Row; rows: Row[] }>();
  for (const row of rows) {
    const key: Row = {};
    for (const { expression, alias } of keys) {
      const bin = /^bin\((\d+)([smh])\)$/.exec(expression.trim());
      const name = alias ?? unquoteField(expression);
      if (bin) {
        const size = Number(bin[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[bin[2] as 's' | 'm' | 'h'];
        key[name] = insightsTime(Math.floor(Number(row['@timestamp']) / size) * size);
      } else key[name] = evaluate(expression, row);
    }
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  return [...groups.values()].map(({ key, rows: members }) => {
    const sorted = [...members].sort((a, b) => Number(a['@timestamp']) - Number(b['@timestamp']));
    const out: Row = { ...key };
    for (const { expression, alias } of aggregates) {
      const call = /^(\w+)\(([\s\S]*)\)$/.exec(expression.trim());
      if (!call || !alias) throw new Error(`emulator: unsupported aggregate ${expression}`);
      const values = sorted.map((row) => evaluate(call[2] === '*' ? '"x"' : (call[2] ?? ''), row)).filter((v) => v !== undefined);
      switch (call[1]) {
        case 'count':
          out[alias] = values.length;
          break;
        case 'earliest':
          out[alias] = values[0];
          break;
        case 'latest':
          out[alias] = values.at(-1);
          break;
        case 'min':
          out[alias] = values.length ? Math.min(...values.map(Number)) : undefined;
          break;
        case 'max':
          out[alias] = values.length ? Math.max(...values.map(Number)) : undefined;
          break;
        default:
          throw new Error(`emulator: unsupported aggregate ${call[1]}`);
      }
    }
    return out;
  });
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}
