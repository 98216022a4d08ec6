import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ellipsize, oneLine, sanitize, trimExcerpt, wrap } from './textLayout.ts';

describe('sanitize', () => {
  it('removes colour, cursor and title escapes, control and bidi characters; keeps newlines; tabs become spaces', () => {
    expect(sanitize('a\u001b[1;31mb\u001b[0m\u001b[2Jc')).toBe('abc');
    expect(sanitize('x\u001b]0;title\u0007y\u001b]8;;http://e\u001b\\z')).toBe('xyz');
    expect(sanitize('a\u0000b\u0007c\u009bd\u202ee')).toBe('abcde');
    expect(sanitize('one\r\ntwo\rthree\tfour')).toBe('one\ntwo\nthree  four');
  });

  it('leaves ordinary text alone', () => {
    const line = 'REPORT RequestId: 3c0e Duration: 6006.12 ms → “quoted” é 日本';
    expect(sanitize(line)).toBe(line);
  });
});

describe('oneLine', () => {
  it('joins lines and collapses blanks', () => {
    expect(oneLine('  a\n\n b \t c ')).toBe('a b c');
  });
});

describe('wrap', () => {
  it('breaks at spaces and cuts words longer than the width', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrap('arn:aws:sts::123456789012:assumed-role/deploy', 12)).toEqual(['arn:aws:sts:', ':12345678901', '2:assumed-ro', 'le/deploy']);
    expect(wrap('', 10)).toEqual(['']);
  });

  it('never returns a line longer than the width and loses no word', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 60 }), (text, width) => {
        const lines = wrap(text.replace(/\s/g, ' '), width);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});

describe('trimExcerpt', () => {
  it('keeps a short excerpt whole', () => {
    expect(trimExcerpt('one\ntwo\n', 6, 80)).toEqual({ head: ['one', 'two'], omitted: 0, tail: [] });
  });

  it('keeps the head and the last line of a Python traceback', () => {
    const traceback = [
      '[ERROR] KeyError: \'id\'',
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 12, in handler',
      '    order_id = event["pathParameters"]["id"]',
      '  File "/var/task/app.py", line 30, in load',
      '    return table.get_item(Key={"id": order_id})["Item"]',
      'KeyError: \'Item\'',
    ].join('\n');
    const trimmed = trimExcerpt(traceback, 5, 80);
    expect(trimmed.head).toEqual(['[ERROR] KeyError: \'id\'', 'Traceback (most recent call last):', '  File "/var/task/app.py", line 12, in handler']);
    expect(trimmed.tail).toEqual(['KeyError: \'Item\'']);
    expect(trimmed.omitted).toBe(3);
  });

  it('keeps the start and the end of one long line', () => {
    const line = Array.from({ length: 30 }, (_, i) => `"field${i}":"value${i}"`).join(',');
    const trimmed = trimExcerpt(line, 4, 50);
    expect(trimmed.head.join('')).toBe(line.slice(0, trimmed.head.join('').length));
    expect(line.endsWith(trimmed.tail.join(''))).toBe(true);
    expect(trimmed.head.length + trimmed.tail.length + 1).toBe(4);
    expect(trimmed.omitted).toBeGreaterThan(0);
  });

  it('stays within its line budget and width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.integer({ min: 3, max: 20 }), fc.integer({ min: 10, max: 120 }), (text, maxLines, width) => {
        const { head, omitted, tail } = trimExcerpt(text, maxLines, width);
        expect(head.length + tail.length + (omitted > 0 ? 1 : 0)).toBeLessThanOrEqual(maxLines);
        for (const line of [...head, ...tail]) expect(line.length).toBeLessThanOrEqual(width);
        expect(omitted).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('ellipsize', () => {
  it('cuts with an ellipsis only when needed', () => {
    expect(ellipsize('abcdef', 6)).toBe('abcdef');
    expect(ellipsize('abcdefg', 6)).toBe('abcde…');
  });
});
