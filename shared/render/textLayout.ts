/** Making log text safe and short enough to show: control characters out, long lines wrapped, long excerpts trimmed. */

// CSI/OSC escape sequences (colour, cursor moves, window titles) that a log line may carry.
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// Remaining C0/C1 control characters except tab and newline, and the bidi controls that can reorder what a line shows.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes terminal escape sequences and control characters so log content cannot repaint the reader's terminal. */
export function sanitize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL_CHARACTER, '')
    .replace(/\t/g, '  ');
}

/** Sanitised text on one line: newlines become spaces, runs of blanks collapse. */
export function oneLine(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}

/** Wraps one paragraph at word boundaries; words longer than the width are cut. */
export function wrap(text: string, width: number): string[] {
  const limit = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/ +/).filter((w) => w !== '')) {
    let rest = word;
    while (rest.length > limit) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      lines.push(rest.slice(0, limit));
      rest = rest.slice(limit);
    }
    if (rest === '') continue;
    if (current === '') current = rest;
    else if (current.length + 1 + rest.length <= limit) current += ` ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

/** Wraps a paragraph and indents it: the first line after `firstPrefix`, the rest after `restPrefix`. */
export function wrapIndented(text: string, width: number, firstPrefix: string, restPrefix = ' '.repeat(firstPrefix.length)): string[] {
  const inner = Math.max(10, width - Math.max(firstPrefix.length, restPrefix.length));
  return wrap(oneLine(text), inner).map((line, i) => (i === 0 ? firstPrefix : restPrefix) + line);
}

export interface TrimmedExcerpt {
  head: string[];
  /** Display lines left out between head and tail (0 when none). */
  omitted: number;
  tail: string[];
}

/**
 * An excerpt cut to at most `maxLines` display lines of at most `lineWidth` characters. When it is longer, keep
 * its head and its last line: a Java stack starts with the exception, a Python traceback ends with it.
 */
export function trimExcerpt(excerpt: string, maxLines: number, lineWidth: number): TrimmedExcerpt {
  const width = Math.max(10, Math.floor(lineWidth));
  const limit = Math.max(3, Math.floor(maxLines));
  const logical = sanitize(excerpt)
    .replace(/^\n+|\n+$/g, '')
    .split('\n')
    .map((line) => splitLong(line.trimEnd(), width));
  const display = logical.flat();
  if (display.length <= limit) return { head: display, omitted: 0, tail: [] };
  const tailRoom = Math.max(1, Math.floor((limit - 1) / 3));
  const last = logical[logical.length - 1] ?? [];
  const beforeLast = display.length - last.length;
  if (logical.length === 1 || beforeLast + 1 + tailRoom > limit) {
    // One long line (a JSON access-log entry) keeps its start and end; several keep the head and the last line.
    const tail = logical.length === 1 ? display.slice(display.length - tailRoom) : fitLines(last, tailRoom, width);
    const head = display.slice(0, Math.min(limit - 1 - tail.length, logical.length === 1 ? display.length : beforeLast));
    return { head, omitted: display.length - head.length - (logical.length === 1 ? tail.length : last.length), tail };
  }
  // Everything before the last line fits: give the last line the room that is left.
  return { head: display.slice(0, beforeLast), omitted: 0, tail: fitLines(last, limit - beforeLast, width) };
}

function fitLines(lines: string[], room: number, width: number): string[] {
  if (lines.length <= room) return lines;
  return [...lines.slice(0, room - 1), ellipsize(lines.slice(room - 1).join(' '), width)];
}

/** Text cut to `width` characters, ending with "…" when cut. */
export function ellipsize(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

// Log lines keep their own spacing, so they are cut rather than re-flowed: at a space near the width when
// there is one, else hard at the width (a long JSON access-log line has few spaces).
function splitLong(line: string, width: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space >= Math.floor(width * 0.6) ? space + 1 : width;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}
