/**
 * The cool-down configuration from the environment: COOLDOWN_SECONDS (default for every API, 1800 when unset) and
 * COOLDOWNS, a JSON object {"<apiNameOrId>/<stage>": seconds}. A bad value is reported and ignored rather than
 * stopping every diagnosis: the default applies instead. 0 turns the cool-down off.
 */
export const DEFAULT_COOLDOWN_SECONDS = 1800;

export interface CooldownConfig {
  defaultSeconds: number;
  perApi: Record<string, number>;
  /** What was wrong with the configuration (logged at start). */
  problems: string[];
}

export function parseCooldownConfig(env: { COOLDOWN_SECONDS?: string | undefined; COOLDOWNS?: string | undefined }): CooldownConfig {
  const problems: string[] = [];
  let defaultSeconds = DEFAULT_COOLDOWN_SECONDS;
  const rawDefault = env.COOLDOWN_SECONDS?.trim();
  if (rawDefault !== undefined && rawDefault !== '') {
    const parsed = seconds(rawDefault);
    if (parsed === undefined) problems.push(`COOLDOWN_SECONDS=${JSON.stringify(rawDefault)} is not a number of seconds ≥ 0; using ${DEFAULT_COOLDOWN_SECONDS}`);
    else defaultSeconds = parsed;
  }
  // No prototype, so that a key like "constructor" or "__proto__" is only ever a key.
  const perApi = Object.create(null) as Record<string, number>;
  const rawMap = env.COOLDOWNS?.trim();
  if (rawMap !== undefined && rawMap !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawMap);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push('COOLDOWNS is not a JSON object {"<api>/<stage>": seconds}; every API gets the default cool-down');
    } else {
      for (const [key, value] of Object.entries(parsed)) {
        const parsedSeconds = seconds(value);
        if (!key.includes('/')) problems.push(`COOLDOWNS key ${JSON.stringify(key)} is not "<api>/<stage>"; ignored`);
        else if (parsedSeconds === undefined) problems.push(`COOLDOWNS[${JSON.stringify(key)}] is not a number of seconds ≥ 0; ignored`);
        else perApi[key] = parsedSeconds;
      }
    }
  }
  return { defaultSeconds, perApi, problems };
}

/** The cool-down of an API key ("<api>/<stage>"), in ms. */
export function cooldownMsFor(config: CooldownConfig): (apiKey: string) => number {
  return (apiKey) => (Object.hasOwn(config.perApi, apiKey) ? (config.perApi[apiKey] ?? config.defaultSeconds) : config.defaultSeconds) * 1000;
}

function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
