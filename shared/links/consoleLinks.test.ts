import { describe, expect, it } from 'vitest';
import { lambdaFunctionLink, logsInsightsLink, partitionOfRegion, xrayTraceLink } from './consoleLinks.ts';

describe('console links', () => {
  it('builds a Logs Insights link in the console\'s own encoding', () => {
    // The recorded example of naomichi-y/cloudwatch-insights-url-builder (spec/cloudwatch_logs_url_builder_spec.rb),
    // with tz UTC instead of Local and absolute times.
    const url = logsInsightsLink(
      'ap-northeast-1',
      ['/aws/cloudtrail'],
      'fields @timestamp, @message, @logStream, @log\n| sort @timestamp desc\n| limit 20',
      Date.UTC(2023, 0, 27, 0, 0, 0),
      Date.UTC(2023, 0, 27, 23, 59, 59),
    );
    expect(url).toBe(
      'https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#logsV2:logs-insights$3F' +
        'queryDetail$3D$257E$2528' +
        'end$257E$25272023-01-27T23*3A59*3A59.000Z$257E' +
        'start$257E$25272023-01-27T00*3A00*3A00.000Z$257E' +
        'timeType$257E$2527ABSOLUTE$257E' +
        'tz$257E$2527UTC$257E' +
        'editorString$257E$2527fields+*40timestamp*2C+*40message*2C+*40logStream*2C+*40log*0A*7C+sort+*40timestamp+desc*0A*7C+limit+20$257E' +
        'isLiveTail$257Efalse$257E' +
        'source$257E$2528$257E$2527*2Faws*2Fcloudtrail$2529$2529',
    );
  });

  it('uses each partition\'s console', () => {
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('eu-west-1')).toBe('aws');
    expect(lambdaFunctionLink('cn-north-1', 'orders-fn')).toBe('https://cn-north-1.console.amazonaws.cn/lambda/home?region=cn-north-1#/functions/orders-fn');
    expect(lambdaFunctionLink('us-gov-west-1', 'orders-fn')).toMatch(/^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//);
    expect(xrayTraceLink('eu-west-1', '1-69b02235-78073c416a31eef402e76db2')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#xray:traces/1-69b02235-78073c416a31eef402e76db2',
    );
  });

  it('escapes the characters the console\'s structure uses (~ and \')', () => {
    const url = logsInsightsLink('us-east-1', ["/aws/lambda/a'b"], "filter @message like /~'x/", 0, 1000);
    const fragment = url.split('#')[1] ?? '';
    expect(fragment).not.toMatch(/[~']/);
    expect(fragment).toContain('*27');
    expect(fragment).toContain('*7E');
  });
});
