/**
 * The live-account commands as the real CLI runs them: clients with the user's own credentials (the SDK's
 * default chain, or --profile), the region from --region or the SDK's chain, then diagnoseLive (and collect).
 * Loaded on first use by main.ts, so that --help and bundle diagnoses never load the AWS SDK.
 */
import { UsageError } from '../shared/errors.ts';
import type { Diagnosis } from '../shared/model/diagnosis.ts';
import { createAwsClients } from '../shared/live/awsClients.ts';
import { assertEmptyFolder, collectBundle } from '../shared/live/collectBundle.ts';
import { diagnoseLive, type LiveDiagnosis, type LiveTarget } from '../shared/live/diagnoseLive.ts';
import type { LiveProgress } from '../shared/live/LiveEvidenceSource.ts';
import type { LiveRequest } from './parseDiagnoseArgs.ts';
import type { CollectResult } from './run.ts';

export async function diagnoseLiveCommand(request: LiveRequest, onProgress: (progress: LiveProgress) => void): Promise<Diagnosis> {
  return (await runLive(request, onProgress)).diagnosis;
}

export async function collectLiveCommand(request: LiveRequest, out: string, onProgress: (progress: LiveProgress) => void): Promise<CollectResult> {
  await assertEmptyFolder(out);
  const live = await runLive(request, onProgress);
  const bundle = await collectBundle(live.source, { engineOptions: live.engineOptions, diagnosis: live.diagnosis }, out);
  return { diagnosis: live.diagnosis, ...bundle };
}

async function runLive(request: LiveRequest, onProgress: (progress: LiveProgress) => void): Promise<LiveDiagnosis> {
  const clients = createAwsClients({
    ...(request.region !== undefined ? { region: request.region } : {}),
    ...(request.profile !== undefined ? { profile: request.profile } : {}),
  });
  try {
    const region = await clients.region().catch(() => undefined);
    if (!region) throw new UsageError('No AWS region: pass --region, set AWS_REGION, or give the profile a region');
    const target: LiveTarget =
      request.target.kind === 'api'
        ? { kind: 'api', api: request.target.api, stage: request.target.stage }
        : { kind: 'alarm', alarmName: request.target.alarmName, ...(request.target.stage !== undefined ? { stage: request.target.stage } : {}) };
    return await diagnoseLive(clients, target, {
      region,
      onProgress,
      ...(request.from !== undefined ? { from: request.from } : {}),
      ...(request.to !== undefined ? { to: request.to } : {}),
      ...(request.since !== undefined ? { since: request.since } : {}),
      ...(request.sampleSize !== undefined ? { sampleSize: request.sampleSize } : {}),
      ...(request.budgetBytes !== undefined ? { budgetBytes: request.budgetBytes } : {}),
    });
  } finally {
    clients.destroy();
  }
}
