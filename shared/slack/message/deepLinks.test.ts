import { describe, expect, it } from 'vitest';
import { consoleLinkMrkdwn, evidenceLocationMrkdwn } from './deepLinks.ts';
import { whoShort } from './changeWords.ts';

describe('evidenceLocationMrkdwn', () => {
  it('links an https URL, an S3 location and a Step Functions execution in its partition', () => {
    expect(evidenceLocationMrkdwn('https://example.com/e/1')).toBe('<https://example.com/e/1|Evidence>');
    expect(evidenceLocationMrkdwn('s3://my-bucket/diagnoses/d-1/')).toBe('<https://s3.console.aws.amazon.com/s3/buckets/my-bucket?prefix=diagnoses%2Fd-1%2F|Evidence in S3>');
    expect(evidenceLocationMrkdwn('arn:aws-cn:states:cn-north-1:123456789012:execution:diagnose:d-1')).toBe(
      '<https://cn-north-1.console.amazonaws.cn/states/home?region=cn-north-1#/v2/executions/details/arn%3Aaws-cn%3Astates%3Acn-north-1%3A123456789012%3Aexecution%3Adiagnose%3Ad-1|Step Functions execution>',
    );
  });

  it('shows anything else as code, and nothing for blank', () => {
    expect(evidenceLocationMrkdwn('events/incidents/x')).toBe('Evidence: `events/incidents/x`');
    expect(evidenceLocationMrkdwn('<!channel>')).toBe('Evidence: `&lt;!channel&gt;`');
    expect(evidenceLocationMrkdwn('  ')).toBeUndefined();
  });
});

describe('consoleLinkMrkdwn', () => {
  it('drops links Slack could not follow', () => {
    expect(consoleLinkMrkdwn({ label: 'X-Ray trace', url: 'https://us-east-1.console.aws.amazon.com/x' })).toBe('<https://us-east-1.console.aws.amazon.com/x|X-Ray trace>');
    expect(consoleLinkMrkdwn({ label: 'bad', url: 'javascript:alert(1)' })).toBeUndefined();
  });
});

describe('whoShort', () => {
  it('names people and pipelines the way a colleague would', () => {
    expect(whoShort('arn:aws:sts::384756102938:assumed-role/github-actions-deploy/GitHubActions')).toBe('GitHubActions (github-actions-deploy)');
    expect(whoShort('arn:aws:iam::384756102938:user/alice')).toBe('alice');
    expect(whoShort('apigateway.amazonaws.com')).toBe('apigateway.amazonaws.com');
  });
});
