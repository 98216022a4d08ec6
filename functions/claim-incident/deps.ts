import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { logger } from '../lambdaHandler.ts';
import type { IncidentLedger } from '../../shared/claim/IncidentLedger.ts';
import { DynamoDbIncidentLedger } from '../../shared/claim/DynamoDbIncidentLedger.ts';
import { cooldownMsFor, parseCooldownConfig } from '../../shared/claim/cooldownConfig.ts';

export interface ClaimIncidentDeps {
  ledger: IncidentLedger;
  /** Cool-down per API key ("<api>/<stage>") in ms. */
  cooldownMs(apiKey: string): number;
  /** Epoch ms now (the local run may pin it). */
  now?: () => number;
}

/** INCIDENTS_TABLE (required), COOLDOWN_SECONDS (default 1800), COOLDOWNS ({"<api>/<stage>": seconds}). */
export function claimIncidentDepsFromEnv(env: NodeJS.ProcessEnv = process.env): ClaimIncidentDeps {
  const table = env['INCIDENTS_TABLE']?.trim();
  if (!table) throw new Error('INCIDENTS_TABLE is not set: it names the DynamoDB table of claimed transitions and cool-downs');
  const config = parseCooldownConfig({ COOLDOWN_SECONDS: env['COOLDOWN_SECONDS'], COOLDOWNS: env['COOLDOWNS'] });
  for (const problem of config.problems) logger.warn(problem);
  return { ledger: new DynamoDbIncidentLedger(new DynamoDBClient({}), table), cooldownMs: cooldownMsFor(config) };
}
