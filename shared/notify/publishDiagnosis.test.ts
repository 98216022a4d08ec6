import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient, InvalidParameterException } from '@aws-sdk/client-sns';
import { publishDiagnosis } from './publishDiagnosis.ts';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:apigw-doctor-diagnoses';
const MESSAGE = {
  Subject: '5xx on orders-api/prod: Lambda function timed out (93%, 412 requests)',
  Message: JSON.stringify({ default: 'text', email: 'text', sqs: '{}', lambda: '{}', https: '{}', http: '{}' }),
  MessageStructure: 'json' as const,
  MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' } },
};

beforeEach(() => sns.reset());

describe('publishDiagnosis', () => {
  it('publishes the message to the topic and returns the MessageId', async () => {
    sns.on(PublishCommand).resolves({ MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e' });
    expect(await publishDiagnosis(new SNSClient({ region: 'us-east-1' }), TOPIC, MESSAGE)).toBe('95df01b4-ee98-5cb9-9903-4c221d41eb5e');
    expect(sns).toHaveReceivedCommandWith(PublishCommand, { TopicArn: TOPIC, ...MESSAGE });
  });

  it('lets SNS refusals through', async () => {
    sns.on(PublishCommand).rejects(new InvalidParameterException({ $metadata: { httpStatusCode: 400 }, message: 'Invalid parameter: Subject' }));
    await expect(publishDiagnosis(new SNSClient({ region: 'us-east-1' }), TOPIC, MESSAGE)).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
