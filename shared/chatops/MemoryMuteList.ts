import { muteKey, type Mute, type MuteList } from './MuteList.ts';

/** A mute list in memory, for tests and the local workflow run. */
export class MemoryMuteList implements MuteList {
  private readonly mutes = new Map<string, Mute>();

  async mute(apiId: string, stage: string, until: number, by: string, now: number): Promise<Mute> {
    const key = muteKey(apiId, stage);
    const existing = this.mutes.get(key);
    if (existing !== undefined && existing.until >= until) return existing;
    const mute: Mute = { apiId, stage, until, by, at: now };
    this.mutes.set(key, mute);
    return mute;
  }

  async isMuted(apiId: string, stage: string, now: number): Promise<Mute | undefined> {
    const mute = this.mutes.get(muteKey(apiId, stage));
    return mute !== undefined && mute.until > now ? mute : undefined;
  }
}
