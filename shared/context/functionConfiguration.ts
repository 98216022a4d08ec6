import type { FunctionInfo } from '../model/context.ts';
import { parseAwsTime } from './awsTime.ts';
import { asArray, asNumber, asRecord, asString, describeJsonType, isRecord, type JsonRecord } from './json.ts';
import { lambdaTargetOf } from './lambdaTarget.ts';
import { neverThrow, type ParseProblem } from './problem.ts';

/**
 * `aws lambda get-function-configuration` output, or `aws lambda get-function` output
 * ({Configuration, Code, Concurrency: {ReservedConcurrentExecutions}}). See SHAPES.md.
 */
export function parseFunctionConfiguration(json: unknown, file: string): FunctionInfo | ParseProblem {
  return neverThrow(file, 'function configuration', () => {
    if (!isRecord(json)) {
      return { problem: `${file}: expected "aws lambda get-function-configuration" output (a JSON object), found ${describeJsonType(json)}; the function's configuration was not used` };
    }
    if (Array.isArray(json['Functions'])) {
      return { problem: `${file}: this is "aws lambda list-functions" output; save one "aws lambda get-function-configuration --function-name NAME" per file. The file was not used` };
    }
    const configuration = asRecord(json['Configuration']) ?? json;
    const name = asString(configuration['FunctionName']) ?? lambdaTargetOf(asString(configuration['FunctionArn']))?.functionName;
    if (name === undefined) {
      return { problem: `${file}: not Lambda function configuration (no FunctionName or FunctionArn); the file was not used` };
    }
    const info: FunctionInfo = { name, file };
    set(info, 'arn', asString(configuration['FunctionArn']));
    set(info, 'runtime', asString(configuration['Runtime']));
    set(info, 'timeoutSeconds', asNumber(configuration['Timeout']));
    set(info, 'memorySizeMb', asNumber(configuration['MemorySize']));
    set(info, 'lastModified', parseAwsTime(configuration['LastModified']));
    // Functions log to /aws/lambda/NAME unless LoggingConfig names a custom group.
    info.logGroup = asString(asRecord(configuration['LoggingConfig'])?.['LogGroup']) ?? `/aws/lambda/${name}`;
    set(info, 'role', asString(configuration['Role']));
    set(info, 'reservedConcurrency', asNumber(asRecord(json['Concurrency'])?.['ReservedConcurrentExecutions']));
    set(info, 'version', asString(configuration['Version']));
    set(info, 'state', asString(configuration['State']));
    set(info, 'stateReason', asString(configuration['StateReason']) ?? asString(configuration['LastUpdateStatusReason']));
    set(info, 'lastUpdateStatus', asString(configuration['LastUpdateStatus']));
    set(info, 'handler', asString(configuration['Handler']));
    set(info, 'vpc', inVpc(asRecord(configuration['VpcConfig'])));
    set(info, 'tracingMode', asString(asRecord(configuration['TracingConfig'])?.['Mode']));
    return info;
  });
}

/** get-function prints VpcConfig with VpcId "" and empty lists for functions outside a VPC. */
function inVpc(vpcConfig: JsonRecord | undefined): boolean | undefined {
  if (vpcConfig === undefined) return undefined;
  return asString(vpcConfig['VpcId']) !== undefined || (asArray(vpcConfig['SubnetIds'])?.length ?? 0) > 0;
}

function set<K extends keyof FunctionInfo>(info: FunctionInfo, key: K, value: FunctionInfo[K] | undefined): void {
  if (value !== undefined) info[key] = value as FunctionInfo[K];
}
