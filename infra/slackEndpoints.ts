import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';

/**
 * The Slack app's request URLs: a regional REST API that Slack calls directly.
 *   POST /slack/commands      the /diagnose slash command   (slack-command)
 *   POST /slack/interactivity the message buttons           (slack-interactivity)
 * Slack cannot sign requests with SigV4 or present a Cognito token, so the methods have no API Gateway authoriser:
 * each function verifies Slack's own signature (v0 HMAC-SHA256 of "v0:{timestamp}:{body}" with the signing secret,
 * timestamp within 5 minutes) and answers 401 otherwise. API Gateway refuses a request without Slack's two signature
 * headers before it reaches a function, and the stage is throttled.
 */
export interface SlackEndpointsProps {
  slackCommand: IFunction;
  slackInteractivity: IFunction;
  logRetention: logs.RetentionDays;
  /** API Gateway's account logging role when this stack creates it: the stage's execution logging needs it first. */
  accountLogRole?: IConstruct;
}

/** Slack sends both on every request ("Verifying requests from Slack", docs.slack.dev/authentication/verifying-requests-from-slack). */
export const SLACK_SIGNATURE_HEADERS = ['X-Slack-Signature', 'X-Slack-Request-Timestamp'] as const;

export const SLACK_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;

export class SlackEndpoints extends Construct {
  readonly api: apigw.RestApi;
  readonly accessLogs: logs.LogGroup;
  readonly commandsUrl: string;
  readonly interactivityUrl: string;

  constructor(scope: Construct, id: string, props: SlackEndpointsProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-slack`,
      description: "apigw-doctor: the Slack app's slash command and interactivity request URLs (Slack's request signature checked by the functions)",
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // The manual API creates the account's logging role (or the account has one).
      cloudWatchRole: false,
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Never log bodies: they hold the command's text and response_url.
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: SLACK_THROTTLE.rateLimit,
        throttlingBurstLimit: SLACK_THROTTLE.burstLimit,
      },
    });
    if (props.accountLogRole !== undefined) this.api.deploymentStage.node.addDependency(props.accountLogRole);

    const validator = new apigw.RequestValidator(this, 'Validator', {
      restApi: this.api,
      requestValidatorName: 'slack-signature-headers',
      validateRequestBody: false,
      validateRequestParameters: true,
    });
    const requestParameters = Object.fromEntries(SLACK_SIGNATURE_HEADERS.map((h) => [`method.request.header.${h}`, true]));
    const slack = this.api.root.addResource('slack');
    const route = (path: string, fn: IFunction): void => {
      slack.addResource(path).addMethod('POST', new apigw.LambdaIntegration(fn, { allowTestInvoke: false }), {
        authorizationType: apigw.AuthorizationType.NONE,
        requestValidator: validator,
        requestParameters,
      });
    };
    route('commands', props.slackCommand);
    route('interactivity', props.slackInteractivity);
    this.commandsUrl = this.api.urlForPath('/slack/commands');
    this.interactivityUrl = this.api.urlForPath('/slack/interactivity');

    const why = "Slack calls these URLs and can neither sign requests with SigV4 nor present a Cognito or OAuth token; each function verifies Slack's request signature (v0 HMAC-SHA256 with the app's signing secret, timestamp within 5 minutes, constant-time comparison) and answers 401 otherwise, API Gateway refuses requests without the signature headers, and only allow-listed Slack users and channels may start a diagnosis.";
    Validations.of(this.api).acknowledge({ id: 'AwsSolutions-APIG4', reason: why });
    Validations.of(this.api).acknowledge({ id: 'AwsSolutions-COG4', reason: why });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason: "The request parameters are validated (Slack's X-Slack-Signature and X-Slack-Request-Timestamp headers are required); the body is an application/x-www-form-urlencoded form, which API Gateway's JSON-schema body validation cannot check, and which the functions verify against Slack's signature before reading it.",
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason: `Slack's requests come from Slack's changing address ranges, so no IP allow-list applies; unsigned requests are refused by the functions and the stage is throttled (${SLACK_THROTTLE.rateLimit} rps, burst ${SLACK_THROTTLE.burstLimit}). Associate a WAF web ACL where your organisation requires one for every API.`,
    });
  }
}
