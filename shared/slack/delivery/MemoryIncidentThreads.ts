import type { IncidentThread, IncidentThreads } from './IncidentThreads.ts';

/** IncidentThreads in a Map (the local run and tests). Copies in and out, like a store would. */
export class MemoryIncidentThreads implements IncidentThreads {
  private readonly items = new Map<string, IncidentThread>();

  async get(key: string): Promise<IncidentThread | undefined> {
    const item = this.items.get(key);
    return item === undefined ? undefined : structuredClone(item);
  }

  async put(key: string, thread: IncidentThread): Promise<void> {
    this.items.set(key, structuredClone(thread));
  }
}
