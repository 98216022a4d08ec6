import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The manual diagnosis API: a regional REST API, every method IAM-authorised (SigV4), Lambda proxy integrations.
 *   POST /diagnoses      {apiId, stage, from?, to?, since?} -> 202 {id, statusUrl}   (start-diagnosis)
 *   GET  /diagnoses/{id} -> running | succeeded with the diagnosis | failed with the reason (get-diagnosis)
 * API Gateway checks the request's shape (a JSON object; the id path parameter); the function checks the fields
 * (API, stage, window bounds, times) and answers 400 with what is wrong.
 */
export interface ManualApiProps {
  startDiagnosis: IFunction;
  getDiagnosis: IFunction;
  logRetention: logs.RetentionDays;
  /**
   * Create the account-level role API Gateway writes execution logs with (AWS::ApiGateway::Account). Execution
   * logging fails to deploy in an account that has none; leave it false where the account already has one.
   */
  createAccountLogRole: boolean;
}

export class ManualApi extends Construct {
  readonly api: apigw.RestApi;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ManualApiProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-diagnoses`,
      description: 'apigw-doctor: start a diagnosis of an API stage and read its result (IAM-authorised)',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      cloudWatchRole: props.createAccountLogRole,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: 5,
        throttlingBurstLimit: 10,
      },
    });

    const validator = new apigw.RequestValidator(this, 'Validator', {
      restApi: this.api,
      requestValidatorName: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    // The body must be a JSON object; its fields are checked by start-diagnosis, whose 400s say which field is wrong
    // and what to send instead (shared/api/parseDiagnosisRequest.ts; docs/openapi.json).
    const startRequest = this.api.addModel('StartDiagnosisRequest', {
      contentType: 'application/json',
      modelName: 'StartDiagnosisRequest',
      schema: { schema: apigw.JsonSchemaVersion.DRAFT4, title: 'StartDiagnosisRequest', type: apigw.JsonSchemaType.OBJECT },
    });
    // API Gateway's own 400 says only "Invalid request body": say what the body must be.
    this.api.addGatewayResponse('BadRequestBody', {
      type: apigw.ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      templates: {
        'application/json': '{"message":"Invalid request body: send a JSON object such as {\\"apiId\\":\\"a1b2c3d4e5\\",\\"stage\\":\\"prod\\",\\"since\\":\\"1h\\"}","requestId":"$context.requestId"}',
      },
    });

    const diagnoses = this.api.root.addResource('diagnoses');
    diagnoses.addMethod('POST', new apigw.LambdaIntegration(props.startDiagnosis, { allowTestInvoke: false }), {
      authorizationType: apigw.AuthorizationType.IAM,
      requestValidator: validator,
      requestModels: { 'application/json': startRequest },
    });
    diagnoses.addResource('{id}').addMethod('GET', new apigw.LambdaIntegration(props.getDiagnosis, { allowTestInvoke: false }), {
      authorizationType: apigw.AuthorizationType.IAM,
      requestValidator: validator,
      requestParameters: { 'method.request.path.id': true },
    });

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'Every method is IAM-authorised (SigV4): the callers are IAM principals (operators, chat-ops functions), not Cognito users.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason: 'Only SigV4-signed requests from IAM principals of the account reach the integration, and the stage is throttled (5 rps, burst 10); associate a WAF web ACL where your organisation requires one for every API.',
    });
    if (props.createAccountLogRole) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: "API Gateway's account-level logging role uses the AWS managed policy documented for it (AmazonAPIGatewayPushToCloudWatchLogs); it is required for the stage's execution logging.",
      });
    }
  }
}
