import { Aspects, CfnResource, Stack, Validations, type IAspect } from 'aws-cdk-lib';
import { CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag's AwsSolutions-IAM5 reports every "*" in a policy as its own finding ("AwsSolutions-IAM5[Resource::…]"),
 * and acknowledges only the exact finding id. This acknowledges, policy by policy, the findings that have a
 * written reason — and nothing else, so a new wildcard shows up as a finding until someone explains it.
 */

/** Actions that have no resource-level permissions, so that "Resource": "*" is the only way to allow them. */
export const NO_RESOURCE_LEVEL_ACTIONS: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray tracing of the function or state machine',
  'xray:PutTelemetryRecords': 'X-Ray tracing of the function or state machine',
  'xray:GetSamplingRules': 'X-Ray tracing of the state machine',
  'xray:GetSamplingTargets': 'X-Ray tracing of the state machine',
  'xray:BatchGetTraces': 'traces of the sampled failing requests',
  'xray:GetTraceSummaries': "summaries of the stage's failing traces",
  'xray:GetTraceSegmentDestination': 'whether CloudWatch Transaction Search holds the spans',
  'cloudwatch:GetMetricData': "the API's and functions' metrics over the window",
  'cloudtrail:LookupEvents': 'changes to the API and its functions before the incident',
  'logs:GetQueryResults': 'polling a Logs Insights query by its id',
  'logs:StopQuery': 'stopping a Logs Insights query past its time limit',
  'logs:CreateLogDelivery': "the state machine's execution logging (vended logs delivery)",
  'logs:GetLogDelivery': "the state machine's execution logging (vended logs delivery)",
  'logs:UpdateLogDelivery': "the state machine's execution logging (vended logs delivery)",
  'logs:DeleteLogDelivery': "the state machine's execution logging (vended logs delivery)",
  'logs:ListLogDeliveries': "the state machine's execution logging (vended logs delivery)",
  'logs:PutResourcePolicy': "the state machine's execution logging (vended logs delivery)",
  'logs:DescribeResourcePolicies': "the state machine's execution logging (vended logs delivery)",
  'logs:DescribeLogGroups': "the state machine's execution logging (vended logs delivery)",
};

/** A wildcard finding (after "Resource::" or "Action::") and why it is needed. */
export interface WildcardReason {
  finding: RegExp;
  reason: string;
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A CloudFormation reference as cdk-nag flattens it ("arn:<AWS::Partition>:…", "<Fn1234.Arn>:*"). */
export function flattenReference(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? '';
  const node = value as Record<string, unknown>;
  const join = node['Fn::Join'];
  if (Array.isArray(join)) {
    const [delimiter, items] = join as [string, unknown[]];
    return items.map(flattenReference).join(delimiter);
  }
  if (node['Fn::Sub'] !== undefined) return flattenReference(node['Fn::Sub']);
  const getAtt = node['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${flattenReference(getAtt[0])}.${flattenReference(getAtt[1])}>`;
  if (node['Fn::ImportValue'] !== undefined) return flattenReference(node['Fn::ImportValue']);
  if (node['Ref'] !== undefined) return `<${flattenReference(node['Ref'])}>`;
  return JSON.stringify(value);
}

/** The IAM5 findings of a policy document, each with the actions that carry it. */
export function wildcardFindings(document: unknown): Map<string, Set<string>> {
  const findings = new Map<string, Set<string>>();
  const add = (finding: string, actions: string[]): void => {
    const set = findings.get(finding) ?? new Set<string>();
    actions.forEach((a) => set.add(a));
    findings.set(finding, set);
  };
  const statements = list((document as { Statement?: Statement | Statement[] } | undefined)?.Statement);
  for (const s of statements) {
    if (s.Effect !== 'Allow') continue;
    const actions = list(s.Action);
    for (const action of actions) if (action.includes('*')) add(`Action::${action}`, [action]);
    for (const resource of list(s.Resource).map(flattenReference)) if (resource.includes('*')) add(`Resource::${resource}`, actions);
  }
  return findings;
}

/** Why a finding is fine, or undefined when nobody said. */
export function reasonFor(finding: string, actions: ReadonlySet<string>, reasons: readonly WildcardReason[]): string | undefined {
  if (finding === 'Resource::*') {
    const why = [...actions].map((a) => (NO_RESOURCE_LEVEL_ACTIONS[a] !== undefined ? `${a} (${NO_RESOURCE_LEVEL_ACTIONS[a]})` : undefined));
    if (why.length === 0 || why.some((w) => w === undefined)) return undefined;
    return `These actions have no resource-level permissions, so IAM accepts only "*": ${why.join('; ')}.`;
  }
  const body = finding.replace(/^(?:Resource|Action)::/, '');
  return reasons.find((r) => r.finding.test(body))?.reason;
}

class AcknowledgeIamWildcards implements IAspect {
  constructor(private readonly reasons: readonly WildcardReason[]) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource)) return;
    const stack = Stack.of(node);
    const documents: unknown[] =
      node instanceof CfnPolicy
        ? [stack.resolve(node.policyDocument)]
        : node instanceof CfnRole
          ? list(stack.resolve(node.policies) as unknown[]).map((p) => (stack.resolve(p) as { policyDocument?: unknown }).policyDocument)
          : [];
    for (const document of documents) {
      for (const [finding, actions] of wildcardFindings(document)) {
        const reason = reasonFor(finding, actions, this.reasons);
        if (reason !== undefined) Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
      }
    }
  }
}

/** Acknowledges the IAM5 findings under `scope` that a reason explains (see reasonFor). */
export function acknowledgeIamWildcards(scope: IConstruct, reasons: readonly WildcardReason[]): void {
  Aspects.of(scope).add(new AcknowledgeIamWildcards(reasons));
}
