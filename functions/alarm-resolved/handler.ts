import { errorForLog } from '../../shared/api/errorForLog.ts';
import { SlackSecretsError } from '../../shared/chatops/slackSecrets.ts';
import { lambdaHandler, logger } from '../lambdaHandler.ts';
import { alarmResolved, type AlarmResolvedDeps, type AlarmResolvedOutcome } from './alarmResolved.ts';
import { alarmResolvedDepsFromEnv } from './deps.ts';

/**
 * EventBridge "CloudWatch Alarm State Change" to OK (from ALARM) of a watched API's alarm: marks its incident's Slack
 * message resolved. A Slack secret that cannot be read is logged and the event dropped (retrying does not fix a
 * configuration); anything else that throws (DynamoDB) fails the invocation, so that Lambda retries it.
 */
async function run(event: unknown, deps: AlarmResolvedDeps): Promise<AlarmResolvedOutcome> {
  let outcome: AlarmResolvedOutcome;
  try {
    outcome = await alarmResolved(event, deps);
  } catch (error) {
    if (!(error instanceof SlackSecretsError)) throw error;
    logger.error('The Slack secret cannot be used; the incident message was not marked resolved', { error: errorForLog(error) });
    return { outcome: 'no-slack', reason: error.message };
  }
  const log = outcome.outcome === 'resolved' ? 'Incident message marked resolved' : outcome.outcome === 'ignored' ? 'Event ignored' : 'Incident message not marked resolved';
  logger.info(log, { ...outcome });
  return outcome;
}

export function makeHandler(deps: () => AlarmResolvedDeps | Promise<AlarmResolvedDeps>) {
  return lambdaHandler<unknown, AlarmResolvedOutcome, AlarmResolvedDeps>(run, deps);
}

export const handler = makeHandler(() => alarmResolvedDepsFromEnv());
