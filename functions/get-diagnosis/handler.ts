import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiResponse } from '../../shared/api/apiResponse.ts';
import { lambdaHandler } from '../lambdaHandler.ts';
import { getDiagnosisDepsFromEnv, type GetDiagnosisDeps } from './deps.ts';
import { getDiagnosis } from './getDiagnosis.ts';

/** GET /diagnoses/{id} (API Gateway REST proxy integration, IAM-authorised). */
export function makeHandler(deps: () => GetDiagnosisDeps | Promise<GetDiagnosisDeps>) {
  return lambdaHandler<APIGatewayProxyEvent, ApiResponse, GetDiagnosisDeps>(getDiagnosis, deps);
}

export const handler = makeHandler(() => getDiagnosisDepsFromEnv());
