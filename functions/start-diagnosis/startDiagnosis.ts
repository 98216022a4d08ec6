import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { apiErrorKind } from '../../shared/api/apiErrorKind.ts';
import { errorResponse, internalErrorResponse, jsonResponse, retryLaterResponse, type ApiResponse } from '../../shared/api/apiResponse.ts';
import { newDiagnosisId } from '../../shared/api/diagnosisId.ts';
import { parseDiagnosisRequest } from '../../shared/api/parseDiagnosisRequest.ts';
import { diagnosisStatusUrl } from '../../shared/api/statusUrl.ts';
import { unwatchedErrors } from '../../shared/api/watchedApis.ts';
import { errorForLog } from '../../shared/api/errorForLog.ts';
import type { ManualExecutionInput } from '../../shared/workflow/stepPayloads.ts';
import { logger } from '../lambdaHandler.ts';
import type { StartDiagnosisDeps } from './deps.ts';

/**
 * POST /diagnoses: validate, start the state machine with the diagnosis id as the execution name, answer 202 with
 * where to poll. Step Functions' StartExecution is idempotent for the same name and input, so a retried Lambda
 * invocation does not start a second diagnosis.
 */
export async function startDiagnosis(event: APIGatewayProxyEvent, deps: StartDiagnosisDeps): Promise<ApiResponse> {
  const context = event.requestContext;
  const now = deps.now();
  const parsed = parseDiagnosisRequest(event.body, { now, maxWindowMinutes: deps.maxWindowMinutes, isBase64Encoded: event.isBase64Encoded });
  const errors = 'errors' in parsed ? parsed.errors : deps.watchedApis ? unwatchedErrors(parsed.request.apiId, parsed.request.stage, deps.watchedApis) : [];
  if ('errors' in parsed || errors.length > 0) {
    logger.info('Diagnosis request refused', { errors });
    return errorResponse(400, 'The diagnosis request is not valid; see errors', { errors });
  }
  const { request } = parsed;
  const id = newDiagnosisId(request.apiId, request.stage, now, deps.random);
  logger.appendKeys({ diagnosisId: id });
  const requestedBy = context?.identity?.userArn ?? undefined;
  const input: ManualExecutionInput = {
    manual: {
      id,
      apiId: request.apiId,
      stage: request.stage,
      ...(request.from !== undefined ? { from: request.from } : {}),
      ...(request.to !== undefined ? { to: request.to } : {}),
      ...(request.since !== undefined ? { since: request.since } : {}),
      ...(requestedBy ? { requestedBy } : {}),
    },
  };
  try {
    await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.stateMachineArn, name: id, input: JSON.stringify(input) }));
  } catch (error) {
    const kind = apiErrorKind(error);
    logger.error('StartExecution failed', { kind, error: errorForLog(error) });
    if (kind === 'execution-exists') return errorResponse(409, `A diagnosis named ${id} already exists; send the request again for a new id`);
    if (kind === 'retry-later') return retryLaterResponse('Starting the diagnosis');
    return internalErrorResponse('Starting the diagnosis', context?.requestId);
  }
  const statusUrl = diagnosisStatusUrl(context ?? {}, id);
  logger.info('Diagnosis started', { apiId: request.apiId, stage: request.stage, window: request.window, requestedBy });
  return jsonResponse(202, { id, ...(statusUrl ? { statusUrl } : {}) }, statusUrl ? { Location: statusUrl } : {});
}
