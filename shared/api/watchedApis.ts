import { quoteInput, type FieldError } from './fieldError.ts';

/**
 * The APIs and stages a deployment watches (config `apis`, passed to start-diagnosis as WATCHED_APIS). The workflow's
 * roles may read only their logs and functions, so a manual diagnosis of anything else would end in access-denied
 * gaps: it is refused up front, saying what is watched.
 */
export interface WatchedApi {
  type?: 'REST' | 'HTTP';
  apiId: string;
  name?: string;
  stage: string;
}

/** WATCHED_APIS as JSON; undefined when unset or empty (no restriction). Throws on a malformed value: a configuration error. */
export function parseWatchedApis(text: string | undefined): WatchedApi[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`WATCHED_APIS is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(json)) throw new Error('WATCHED_APIS must be a JSON array of {apiId, stage, name?, type?}');
  const apis = json.map((entry: unknown, i): WatchedApi => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const { apiId, stage, name, type } = e;
    if (typeof apiId !== 'string' || typeof stage !== 'string') throw new Error(`WATCHED_APIS[${i}] needs apiId and stage strings`);
    return { apiId, stage, ...(typeof name === 'string' ? { name } : {}), ...(type === 'REST' || type === 'HTTP' ? { type } : {}) };
  });
  return apis.length > 0 ? apis : undefined;
}

/** Why an API and stage may not be diagnosed here (empty when watched). */
export function unwatchedErrors(apiId: string, stage: string, watched: readonly WatchedApi[]): FieldError[] {
  const sameApi = watched.filter((w) => w.apiId === apiId);
  if (sameApi.length === 0) {
    return [
      {
        field: 'apiId',
        message: `${quoteInput(apiId)} is not an API this deployment watches (${describe(watched)}); its functions may read only the watched APIs' logs. Add the API to the configuration's "apis" and deploy, or diagnose it with the CLI`,
      },
    ];
  }
  if (sameApi.some((w) => w.stage === stage)) return [];
  return [{ field: 'stage', message: `Stage ${quoteInput(stage)} of ${apiId} is not watched; its watched stages are ${sameApi.map((w) => JSON.stringify(w.stage)).join(', ')}` }];
}

function describe(watched: readonly WatchedApi[]): string {
  const shown = watched.slice(0, 10).map((w) => `${w.apiId}${w.name ? ` (${w.name})` : ''} ${w.stage}`);
  return `${shown.join(', ')}${watched.length > shown.length ? `, and ${watched.length - shown.length} more` : ''}`;
}
