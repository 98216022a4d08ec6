/** Notify: {incident, diagnosis} -> NotifyResult (shared/notify/notify.ts). */
import { lambdaHandler, logger } from '../lambdaHandler.ts';
import { notify, type NotifyDeps, type NotifyInput } from '../../shared/notify/notify.ts';
import type { NotifyResult } from '../../shared/workflow/stepPayloads.ts';
import { notifyDepsFromEnv } from './deps.ts';

export function makeHandler(deps: () => NotifyDeps | Promise<NotifyDeps>) {
  return lambdaHandler<NotifyInput, NotifyResult, NotifyDeps>(async (event, d) => {
    const result = await notify(event, d);
    logger.info('diagnosis published', { snsMessageId: result.snsMessageId, rootCause: event.diagnosis.rootCause });
    return result;
  }, deps);
}

export const handler = makeHandler(() => notifyDepsFromEnv());
