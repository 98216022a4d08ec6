import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../cli/sizeArgs.ts';

describe('parseByteSize', () => {
  it('reads binary units, any case, with or without a space', () => {
    expect(parseByteSize('1GB')).toBe(1024 ** 3);
    expect(parseByteSize('500 MB')).toBe(500 * 1024 ** 2);
    expect(parseByteSize('2.5gb')).toBe(2.5 * 1024 ** 3);
    expect(parseByteSize('64KiB')).toBe(64 * 1024);
    expect(parseByteSize('1073741824')).toBe(1073741824);
  });

  it('refuses what is not a positive size', () => {
    for (const text of ['', 'GB', '1 parsec', '-1GB', '0', '0MB', '1e3', 'lots']) expect(parseByteSize(text)).toBeUndefined();
  });
});
