import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../cli/colorChoice.ts';

describe('shouldUseColor', () => {
  it.each([
    [false, {}, true, true],
    [false, {}, false, false],
    [true, {}, true, false],
    [true, { FORCE_COLOR: '1' }, true, false],
    [false, { FORCE_COLOR: '1' }, false, true],
    [false, { FORCE_COLOR: '' }, false, true],
    [false, { FORCE_COLOR: '0' }, true, false],
    [false, { FORCE_COLOR: 'false' }, true, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    [false, { NO_COLOR: '1' }, true, false],
    [false, { NO_COLOR: '' }, true, true],
    [false, { TERM: 'dumb' }, true, false],
  ])('flag %s, env %j, tty %s → %s', (flag, env, tty, expected) => {
    expect(shouldUseColor(flag, env, tty)).toBe(expected);
  });
});
