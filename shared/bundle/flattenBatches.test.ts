import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { flattenBatches } from './flattenBatches.ts';

async function* source<T>(batches: T[][], closed: { value: boolean }): AsyncGenerator<T[], void, undefined> {
  try {
    for (const b of batches) {
      await Promise.resolve();
      yield b;
    }
  } finally {
    closed.value = true;
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe('flattenBatches', () => {
  it('yields every event of every batch in order, empty batches included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.integer(), { maxLength: 5 }), { maxLength: 8 }), async (batches) => {
        const closed = { value: false };
        expect(await collect(flattenBatches(source(batches, closed)))).toEqual(batches.flat());
        expect(closed.value).toBe(true);
      }),
    );
  });

  it('keeps answering done after the end', async () => {
    const it = flattenBatches(source([[1]], { value: false }));
    expect(await it.next()).toEqual({ done: false, value: 1 });
    expect((await it.next()).done).toBe(true);
    expect((await it.next()).done).toBe(true);
  });

  it('closes the source when the consumer stops early', async () => {
    const closed = { value: false };
    for await (const x of flattenBatches(source([[1, 2], [3, 4]], closed))) {
      if (x === 2) break;
    }
    expect(closed.value).toBe(true);
  });

  it('passes on an error of the source', async () => {
    async function* failing(): AsyncGenerator<number[], void, undefined> {
      yield [1];
      throw new Error('disk gone');
    }
    await expect(collect(flattenBatches(failing()))).rejects.toThrow('disk gone');
  });
});
