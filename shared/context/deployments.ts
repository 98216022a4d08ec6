import type { DeploymentInfo } from '../model/context.ts';
import { parseAwsTime } from './awsTime.ts';
import { asArray, asString, describeJsonType, isRecord } from './json.ts';
import { neverThrow, type ParseProblem } from './problem.ts';

/**
 * `aws apigateway get-deployments` ({items:[{id, createdDate, description}]}) or
 * `aws apigatewayv2 get-deployments` ({Items:[{DeploymentId, CreatedDate, Description, DeploymentStatus, AutoDeployed}]}),
 * oldest first. Entries without an id or a readable date are left out.
 */
export function parseDeployments(json: unknown, file: string): DeploymentInfo[] | ParseProblem {
  return neverThrow(file, 'deployments', () => {
    const rest = isRecord(json) ? asArray(json['items']) ?? asArray(json['item']) : undefined;
    const http = isRecord(json) ? asArray(json['Items']) : undefined;
    const bare = Array.isArray(json) ? json : undefined;
    const entries = rest ?? http ?? bare;
    if (entries === undefined) {
      return {
        problem: `${file}: expected "get-deployments" output ({"items": [...]} or {"Items": [...]}), found ${describeJsonType(json)}${isRecord(json) ? ' without items' : ''}; deployments were not used`,
      };
    }
    const deployments: DeploymentInfo[] = [];
    for (const entry of entries) {
      if (!isRecord(entry)) continue;
      const id = asString(entry['id']) ?? asString(entry['DeploymentId']) ?? asString(entry['deploymentId']);
      const createdDate = parseAwsTime(entry['createdDate'] ?? entry['CreatedDate']);
      if (id === undefined || createdDate === undefined) continue;
      const deployment: DeploymentInfo = { id, createdDate };
      const description = describe(entry);
      if (description !== undefined) deployment.description = description;
      deployments.push(deployment);
    }
    if (deployments.length === 0 && entries.length > 0) {
      return { problem: `${file}: none of the ${entries.length} deployments has an id and a creation date; deployments were not used` };
    }
    return deployments.sort((a, b) => a.createdDate - b.createdDate);
  });
}

/** The description, with an HTTP API deployment's FAILED status appended: a failed deployment changed nothing. */
function describe(entry: Record<string, unknown>): string | undefined {
  const description = asString(entry['description']) ?? asString(entry['Description']);
  const status = asString(entry['DeploymentStatus']) ?? asString(entry['deploymentStatus']);
  if (status === undefined || status.toUpperCase() === 'DEPLOYED') return description;
  const message = asString(entry['DeploymentStatusMessage']) ?? asString(entry['deploymentStatusMessage']);
  const note = `[${status.toUpperCase()}${message ? `: ${message}` : ''}]`;
  return description ? `${description} ${note}` : note;
}
