import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { apiErrorKind } from '../../shared/api/apiErrorKind.ts';
import { errorResponse, internalErrorResponse, jsonResponse, retryLaterResponse, type ApiResponse } from '../../shared/api/apiResponse.ts';
import { isDiagnosisId } from '../../shared/api/diagnosisId.ts';
import { describeDiagnosisStatus, diagnosisSummaryOf, type DiagnosisDocument } from '../../shared/api/diagnosisStatus.ts';
import { errorForLog } from '../../shared/api/errorForLog.ts';
import { resolveEvidenceRef } from '../../shared/api/evidenceRef.ts';
import { executionArnFor } from '../../shared/api/executionArn.ts';
import { quoteInput } from '../../shared/api/fieldError.ts';
import { logger } from '../lambdaHandler.ts';
import type { GetDiagnosisDeps } from './deps.ts';

/** A diagnosis JSON is a few KB; past this it would not fit a Lambda response (6 MB) with room to spare. */
export const MAX_DIAGNOSIS_BYTES = 4 * 1024 * 1024;

/** GET /diagnoses/{id}: the execution's state, and the diagnosis JSON once it succeeded. */
export async function getDiagnosis(event: APIGatewayProxyEvent, deps: GetDiagnosisDeps): Promise<ApiResponse> {
  const requestId = event.requestContext?.requestId;
  const id = event.pathParameters?.['id'];
  if (!isDiagnosisId(id)) {
    const what = id === undefined || id === '' ? 'No diagnosis id was given' : `${quoteInput(id)} is not a diagnosis id`;
    return errorResponse(400, `${what}; ids look like manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2, as POST /diagnoses returned them`, {
      errors: [{ field: 'id', message: 'not a diagnosis id' }],
    });
  }
  logger.appendKeys({ diagnosisId: id });
  const executionArn = executionArnFor(deps.stateMachineArn, id);
  if (executionArn === undefined) {
    logger.error('Cannot build the execution ARN', { stateMachineArn: deps.stateMachineArn });
    return internalErrorResponse('Reading the diagnosis', requestId);
  }
  let execution: DescribeExecutionCommandOutput;
  try {
    execution = await deps.sfn.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    const kind = apiErrorKind(error);
    if (kind === 'execution-missing') {
      return errorResponse(404, `No diagnosis ${id}: it was never started, or it finished more than 90 days ago (Step Functions keeps finished executions for 90 days)`);
    }
    logger.error('DescribeExecution failed', { kind, error: errorForLog(error) });
    if (kind === 'retry-later') return retryLaterResponse('Reading the diagnosis');
    return internalErrorResponse('Reading the diagnosis', requestId);
  }
  const summary = diagnosisSummaryOf(execution);
  if (!summary) return jsonResponse(200, describeDiagnosisStatus(id, execution));
  const read = await readDiagnosis(summary.ref, deps, requestId);
  if ('response' in read) return read.response;
  return jsonResponse(200, describeDiagnosisStatus(id, execution, read.document));
}

/**
 * The diagnosis JSON from the evidence bucket. A missing or unparseable object still answers 200 with the
 * summary (the diagnosis happened; its document is gone); throttling answers 503 and anything else 500.
 */
async function readDiagnosis(ref: string, deps: GetDiagnosisDeps, requestId: string | undefined): Promise<{ document: DiagnosisDocument } | { response: ApiResponse }> {
  const location = resolveEvidenceRef(ref, deps.evidenceBucket);
  if ('problem' in location) {
    logger.warn('Diagnosis reference not readable', { ref, problem: location.problem });
    return { document: { unavailable: `The diagnosis document cannot be read: ${location.problem}` } };
  }
  const where = `s3://${location.bucket}/${location.key}`;
  let text: string;
  try {
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    if (object.ContentLength !== undefined && object.ContentLength > MAX_DIAGNOSIS_BYTES) {
      return { document: { unavailable: `The diagnosis document (${where}) is ${object.ContentLength} bytes, too large to return here; read it from the evidence bucket` } };
    }
    text = object.Body ? await object.Body.transformToString('utf-8') : '';
  } catch (error) {
    const kind = apiErrorKind(error);
    logger.error('GetObject of the diagnosis failed', { kind, bucket: location.bucket, key: location.key, error: errorForLog(error) });
    if (kind === 'object-missing') {
      return { document: { unavailable: `The diagnosis document (${where}) is no longer in the evidence store (expired by the bucket's lifecycle rule?); the summary still names the root cause` } };
    }
    if (kind === 'object-denied') {
      return { document: { unavailable: `S3 refused to read the diagnosis document (${where}): access denied to this function (its role, or the bucket's KMS key); the summary still names the root cause` } };
    }
    if (kind === 'retry-later') return { response: retryLaterResponse('Reading the diagnosis') };
    return { response: internalErrorResponse('Reading the diagnosis', requestId) };
  }
  try {
    return { document: { diagnosis: JSON.parse(text) as unknown } };
  } catch {
    logger.warn('Diagnosis document is not JSON', { bucket: location.bucket, key: location.key, bytes: text.length });
    return { document: { unavailable: `The diagnosis document (${where}) is not JSON` } };
  }
}
