import { SFNClient } from '@aws-sdk/client-sfn';
import { stateMachineArnFromEnv } from '../../shared/api/executionArn.ts';
import { DEFAULT_MAX_WINDOW_MINUTES } from '../../shared/api/parseDiagnosisRequest.ts';
import { parseWatchedApis, type WatchedApi } from '../../shared/api/watchedApis.ts';

/** What POST /diagnoses needs: the state machine to start, the window limit, a clock (and ids' randomness in tests). */
export interface StartDiagnosisDeps {
  sfn: SFNClient;
  stateMachineArn: string;
  maxWindowMinutes: number;
  /** The APIs and stages this deployment watches (WATCHED_APIS); undefined: any. */
  watchedApis?: WatchedApi[];
  now: () => number;
  /** The 6 random characters of a diagnosis id (tests pin them). */
  random?: () => string;
}

/** From the function's environment (STATE_MACHINE_ARN, MAX_WINDOW_MINUTES, WATCHED_APIS); the client is created once per cold start. */
export function startDiagnosisDepsFromEnv(env: NodeJS.ProcessEnv = process.env): StartDiagnosisDeps {
  const watchedApis = parseWatchedApis(env['WATCHED_APIS']);
  return {
    sfn: new SFNClient({}),
    stateMachineArn: stateMachineArnFromEnv(env),
    maxWindowMinutes: positiveNumber(env['MAX_WINDOW_MINUTES']) ?? DEFAULT_MAX_WINDOW_MINUTES,
    ...(watchedApis ? { watchedApis } : {}),
    now: () => Date.now(),
  };
}

function positiveNumber(text: string | undefined): number | undefined {
  const n = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
