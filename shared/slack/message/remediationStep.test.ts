import { describe, expect, it } from 'vitest';
import { stepMrkdwn } from './remediationStep.ts';

describe('stepMrkdwn', () => {
  it('sets a trailing CLI command as code and keeps what follows it as prose', () => {
    expect(stepMrkdwn("Raise export-fn's memory from 512 MB: aws lambda update-function-configuration --function-name export-fn --memory-size 1024 --region us-east-1 (more memory also brings more CPU).")).toBe(
      "Raise export-fn's memory from 512 MB: `aws lambda update-function-configuration --function-name export-fn --memory-size 1024 --region us-east-1` (more memory also brings more CPU).",
    );
    expect(stepMrkdwn('Turn it on: aws apigateway update-stage --rest-api-id x --stage-name prod --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR.')).toBe(
      'Turn it on: `aws apigateway update-stage --rest-api-id x --stage-name prod --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR`.',
    );
  });

  it('leaves prose alone, escapes it and redacts secrets', () => {
    expect(stepMrkdwn('Check the <VPC link> & the aws console')).toBe('Check the &lt;VPC link&gt; &amp; the aws console');
    expect(stepMrkdwn('Rotate password=hunter2 now')).toBe('Rotate password=[REDACTED] now');
  });

  it('is quick on long hostile steps', () => {
    const started = Date.now();
    stepMrkdwn(`x: aws a b ${'c '.repeat(5_000)}(`);
    stepMrkdwn(`${': aws a b'.repeat(300)}`);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
