/** ClaimIncident: {event, executionName} -> Incident (shared/claim/claimIncident.ts). */
import { lambdaHandler, logger } from '../lambdaHandler.ts';
import { claimIncident } from '../../shared/claim/claimIncident.ts';
import type { Incident } from '../../shared/workflow/stepPayloads.ts';
import { claimIncidentDepsFromEnv, type ClaimIncidentDeps } from './deps.ts';

export function makeHandler(deps: () => ClaimIncidentDeps | Promise<ClaimIncidentDeps>) {
  return lambdaHandler<unknown, Incident, ClaimIncidentDeps>(async (event, d) => {
    const incident = await claimIncident(event, d.ledger, { now: (d.now ?? Date.now)(), cooldownMs: d.cooldownMs });
    logger.appendKeys({ diagnosisId: incident.diagnosisId });
    logger.info(incident.proceed ? 'incident claimed' : 'incident not diagnosed', { proceed: incident.proceed, reason: incident.reason, target: incident.target.kind });
    return incident;
  }, deps);
}

export const handler = makeHandler(() => claimIncidentDepsFromEnv());
