/**
 * The events of an async source of batches, as an async iterable of single events. An async
 * generator that does `yield* batch` pays for a generator resumption and several promise hops per
 * event (about 0.3 µs, 0.6 s for two million events); this hands out the events of a batch that is
 * already in memory with one settled promise each, and awaits the source only between batches.
 */
export function flattenBatches<T>(batches: AsyncIterator<T[]>): AsyncIterableIterator<T> {
  let batch: T[] = [];
  let index = 0;
  let finished = false;

  async function pull(): Promise<IteratorResult<T>> {
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        finished = true;
        return { done: true, value: undefined };
      }
      if (next.value.length > 0) {
        batch = next.value;
        index = 1;
        return { done: false, value: batch[0] as T };
      }
    }
  }

  const iterator: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T>> {
      if (index < batch.length) return Promise.resolve({ done: false, value: batch[index++] as T });
      if (finished) return Promise.resolve({ done: true, value: undefined });
      return pull();
    },
    async return(): Promise<IteratorResult<T>> {
      // The consumer stopped early (break, throw): let the source close its files.
      batch = [];
      index = 0;
      if (!finished) {
        finished = true;
        await batches.return?.();
      }
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
