/**
 * APIs whose diagnoses are not posted for a while ("Mute this API for 1 h"): per API id and stage, until a time.
 * The Notify step asks `isMuted` before posting; the interactivity handler calls `mute`. A mute never shortens an
 * existing longer one.
 */
export interface Mute {
  apiId: string;
  stage: string;
  /** Epoch ms. */
  until: number;
  /** Who muted it ("slack:T0001/U2147483697"). */
  by: string;
  /** Epoch ms. */
  at: number;
}

export interface MuteList {
  /** Mutes until `until` (or keeps a longer mute already there) and returns the mute in force. */
  mute(apiId: string, stage: string, until: number, by: string, now: number): Promise<Mute>;
  /** The mute in force at `now`, if any. */
  isMuted(apiId: string, stage: string, now: number): Promise<Mute | undefined>;
}

export const DEFAULT_MUTE_MS = 60 * 60_000;

/** The key in the incidents table: "mute#<apiId>/<stage>". */
export function muteKey(apiId: string, stage: string): string {
  return `mute#${apiId}/${stage}`;
}
