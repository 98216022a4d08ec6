import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { stateMachineArnFromEnv } from '../../shared/api/executionArn.ts';

/** What GET /diagnoses/{id} needs: Step Functions to describe the execution, S3 to read the diagnosis. */
export interface GetDiagnosisDeps {
  sfn: SFNClient;
  s3: S3Client;
  stateMachineArn: string;
  evidenceBucket: string;
}

/** From the function's environment (STATE_MACHINE_ARN, EVIDENCE_BUCKET); clients are created once per cold start. */
export function getDiagnosisDepsFromEnv(env: NodeJS.ProcessEnv = process.env): GetDiagnosisDeps {
  const evidenceBucket = env['EVIDENCE_BUCKET']?.trim();
  if (!evidenceBucket) throw new Error('EVIDENCE_BUCKET must name the bucket the diagnoses are stored in; it is not set');
  return { sfn: new SFNClient({}), s3: new S3Client({}), stateMachineArn: stateMachineArnFromEnv(env), evidenceBucket };
}
