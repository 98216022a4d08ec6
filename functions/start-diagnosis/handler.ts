import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiResponse } from '../../shared/api/apiResponse.ts';
import { lambdaHandler } from '../lambdaHandler.ts';
import { startDiagnosisDepsFromEnv, type StartDiagnosisDeps } from './deps.ts';
import { startDiagnosis } from './startDiagnosis.ts';

/** POST /diagnoses (API Gateway REST proxy integration, IAM-authorised). */
export function makeHandler(deps: () => StartDiagnosisDeps | Promise<StartDiagnosisDeps>) {
  return lambdaHandler<APIGatewayProxyEvent, ApiResponse, StartDiagnosisDeps>(startDiagnosis, deps);
}

export const handler = makeHandler(() => startDiagnosisDepsFromEnv());
