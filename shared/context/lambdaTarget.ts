/**
 * The Lambda function an integration or authorizer URI points at. Two real forms:
 * - the API Gateway invocation URI (REST, and HTTP API exports):
 *   "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn[:alias]/invocations"
 * - a plain function ARN (HTTP API integrations): "arn:aws:lambda:us-east-1:123456789012:function:orders-fn[:alias]".
 * Stage variables (${stageVariables.fn}) are kept as written: they are resolved per stage, elsewhere.
 */
export interface LambdaTarget {
  /** The function's name without qualifier, as its log group /aws/lambda/NAME uses it; may be "${stageVariables.x}". */
  functionName: string;
  /** The function ARN as written, with qualifier; undefined when the URI names the function only through a stage variable ARN. */
  functionArn?: string;
  /** Alias or version after the name ("live", "7", "${stageVariables.alias}"). */
  qualifier?: string;
}

const INVOCATION_URI = /^arn:[\w-]+:apigateway:[^:]*:lambda:path\/+\d{4}-\d{2}-\d{2}\/functions\/(.+?)\/invocations\/?$/;
const FUNCTION_ARN = /^arn:[\w-]+:lambda:[^:]*:[^:]*:function:(.+)$/;
const STAGE_VARIABLE = /^\$\{stageVariables\.[^}]+\}$/;

export function lambdaTargetOf(uri: string | undefined): LambdaTarget | undefined {
  if (uri === undefined) return undefined;
  const text = uri.trim();
  const inner = INVOCATION_URI.exec(text)?.[1] ?? text;
  const arn = FUNCTION_ARN.exec(inner);
  if (arn?.[1] !== undefined) return fromNameAndQualifier(arn[1], inner);
  // "functions/${stageVariables.fnArn}/invocations": the whole ARN comes from the stage.
  if (inner !== text && STAGE_VARIABLE.test(inner)) return { functionName: inner };
  // "functions/orders-fn/invocations" or a bare name after the prefix: accepted when the prefix was there.
  if (inner !== text && /^[\w${}.:-]+$/.test(inner)) return fromNameAndQualifier(inner, undefined);
  return undefined;
}

function fromNameAndQualifier(nameAndQualifier: string, functionArn: string | undefined): LambdaTarget {
  const [functionName, ...rest] = splitOutsideBraces(nameAndQualifier);
  const target: LambdaTarget = { functionName: functionName ?? nameAndQualifier };
  if (functionArn !== undefined) target.functionArn = functionArn;
  if (rest.length > 0) target.qualifier = rest.join(':');
  return target;
}

/** Splits on ":" except inside ${...}, so "${stageVariables.fn}:live" keeps the variable whole. */
function splitOutsideBraces(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') depth += 1;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}
