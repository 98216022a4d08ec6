import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseFunctionConfiguration } from './functionConfiguration.ts';
import { isParseProblem } from './problem.ts';

const FILE = 'functions/orders-fn.json';

// Shape: get-function-configuration output as printed by the CLI (fields as in aws/aws-cli
// awscli/examples/lambda/get-function.rst "Configuration", plus State/LastUpdateStatus/PackageType/Architectures/
// LoggingConfig {"LogFormat":"Text","LogGroup":"/aws/lambda/hello-world"} as in a public get-function-configuration dump).
const configuration = {
  FunctionName: 'orders-fn',
  FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn',
  Runtime: 'nodejs20.x',
  Role: 'arn:aws:iam::123456789012:role/orders-fn-role',
  Handler: 'index.handler',
  CodeSize: 48211,
  Description: '',
  Timeout: 3,
  MemorySize: 128,
  LastModified: '2026-11-24T09:58:01.123+0000',
  CodeSha256: '5tT2qgzYUHoqwR616pZ2dpkn/0J1FrzJmlKidWaaCgk=',
  Version: '$LATEST',
  VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: '' },
  TracingConfig: { Mode: 'Active' },
  RevisionId: '28f0fb31-5c5c-43d3-8955-03e76c5c1075',
  State: 'Active',
  LastUpdateStatus: 'Successful',
  PackageType: 'Zip',
  Architectures: ['arm64'],
  EphemeralStorage: { Size: 512 },
  SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
  RuntimeVersionConfig: { RuntimeVersionArn: 'arn:aws:lambda:us-east-1::runtime:0cdcfbdefbc5e7d3343f73c2e2dd3cba17d61dea0686b404502a0c9ce83931b9' },
  LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: '/aws/lambda/orders-fn' },
};

describe('parseFunctionConfiguration', () => {
  it('reads get-function-configuration output', () => {
    expect(parseFunctionConfiguration(configuration, FILE)).toEqual({
      name: 'orders-fn',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn',
      runtime: 'nodejs20.x',
      timeoutSeconds: 3,
      memorySizeMb: 128,
      lastModified: Date.UTC(2026, 10, 24, 9, 58, 1, 123),
      logGroup: '/aws/lambda/orders-fn',
      role: 'arn:aws:iam::123456789012:role/orders-fn-role',
      version: '$LATEST',
      state: 'Active',
      lastUpdateStatus: 'Successful',
      handler: 'index.handler',
      vpc: false,
      tracingMode: 'Active',
      file: FILE,
    });
  });

  it('reads get-function output with reserved concurrency (awscli/examples/lambda/get-function.rst)', () => {
    const getFunction = {
      Concurrency: { ReservedConcurrentExecutions: 0 },
      Code: { RepositoryType: 'S3', Location: 'https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/123456789012/orders-fn-0f2b...' },
      Configuration: configuration,
    };
    expect(parseFunctionConfiguration(getFunction, FILE)).toMatchObject({ name: 'orders-fn', reservedConcurrency: 0, timeoutSeconds: 3 });
  });

  it('uses a custom log group from LoggingConfig and defaults to /aws/lambda/NAME without it', () => {
    expect(parseFunctionConfiguration({ ...configuration, LoggingConfig: { LogFormat: 'Text', LogGroup: '/shared/app-logs' } }, FILE)).toMatchObject({
      logGroup: '/shared/app-logs',
    });
    const { LoggingConfig: _l, ...older } = configuration;
    expect(parseFunctionConfiguration(older, FILE)).toMatchObject({ logGroup: '/aws/lambda/orders-fn' });
  });

  it('reads VPC functions and failed states', () => {
    const vpc = {
      ...configuration,
      VpcConfig: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'], VpcId: 'vpc-0a1b2c3d', Ipv6AllowedForDualStack: false },
      State: 'Failed',
      StateReason: 'The function could not be created because Lambda was unable to assume the role.',
      StateReasonCode: 'InvalidConfiguration',
      LastUpdateStatus: 'Failed',
    };
    expect(parseFunctionConfiguration(vpc, FILE)).toMatchObject({
      vpc: true,
      state: 'Failed',
      stateReason: 'The function could not be created because Lambda was unable to assume the role.',
      lastUpdateStatus: 'Failed',
    });
  });

  it('takes the name from the ARN when FunctionName is missing, dropping a qualifier', () => {
    const { FunctionName: _n, ...noName } = configuration;
    expect(parseFunctionConfiguration({ ...noName, FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn:7' }, FILE)).toMatchObject({
      name: 'orders-fn',
    });
  });

  it('returns a problem for other documents', () => {
    for (const doc of [null, [configuration], 'orders-fn', {}, { Configuration: [] }, { Functions: [configuration] }]) {
      expect(isParseProblem(parseFunctionConfiguration(doc, FILE)), JSON.stringify(doc).slice(0, 40)).toBe(true);
    }
  });

  it('keeps going past wrong types', () => {
    expect(
      parseFunctionConfiguration({ FunctionName: 'f', Timeout: '30', MemorySize: 'lots', VpcConfig: 'none', LoggingConfig: [], LastModified: false }, FILE),
    ).toEqual({ name: 'f', timeoutSeconds: 30, logGroup: '/aws/lambda/f', file: FILE });
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (doc) => {
      const r = parseFunctionConfiguration(doc, FILE);
      return isParseProblem(r) || (r.name.length > 0 && r.file === FILE);
    }));
  });
});
