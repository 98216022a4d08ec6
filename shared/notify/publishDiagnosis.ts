import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SnsDiagnosisMessage } from './snsMessage.ts';

/** Publishes the message to the topic; the MessageId SNS gave it. Errors propagate (the Notify step is retried). */
export async function publishDiagnosis(sns: SNSClient, topicArn: string, message: SnsDiagnosisMessage): Promise<string | undefined> {
  const output = await sns.send(new PublishCommand({ TopicArn: topicArn, ...message }));
  return output.MessageId;
}
