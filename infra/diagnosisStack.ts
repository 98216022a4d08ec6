import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiGatewayDiagnosis } from './ApiGatewayDiagnosis.ts';
import type { DiagnosisConfig } from './config.ts';

/** The standalone deployment: one stack holding the construct. */
export const STACK_NAME = 'ApiGatewayDiagnosis';

export function addDiagnosisStack(app: App, config: DiagnosisConfig, options: { functionsDir?: string } = {}): Stack {
  const stack = new Stack(app, STACK_NAME, {
    description: 'apigw-doctor: diagnoses the 5xx behind API Gateway alarms (alarm -> Step Functions -> diagnosis on SNS) and on request',
  });
  new ApiGatewayDiagnosis(stack, 'Diagnosis', { config, ...(options.functionsDir !== undefined ? { functionsDir: options.functionsDir } : {}) });
  return stack;
}

/** cdk-nag 3's AWS Solutions checks run at synth; an unacknowledged finding fails it. */
export function registerNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
