/**
 * The IAM actions each function's role allows in a synthesized template, by the function's STEP variable: what the
 * local workflow run checks the steps' recorded AWS calls against (a call the role lacks would be AccessDenied).
 */

type Resource = { Type?: string; Properties?: Record<string, unknown> };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The logical id a {Ref} or {Fn::GetAtt: [id, 'Arn']} names. */
function logicalIdOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value['Ref'] === 'string') return value['Ref'];
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

export function roleActionsFromTemplate(template: Record<string, unknown>): Record<string, string[]> {
  const resources = (isRecord(template['Resources']) ? template['Resources'] : {}) as Record<string, Resource>;
  const actionsByRole = new Map<string, Set<string>>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const document = resource.Properties?.['PolicyDocument'];
    const statements = isRecord(document) && Array.isArray(document['Statement']) ? (document['Statement'] as unknown[]) : [];
    const actions = statements.flatMap((s) => (isRecord(s) && s['Effect'] === 'Allow' ? [s['Action']].flat().filter((a): a is string => typeof a === 'string') : []));
    for (const role of Array.isArray(resource.Properties?.['Roles']) ? (resource.Properties['Roles'] as unknown[]) : []) {
      const id = logicalIdOf(role);
      if (id === undefined) continue;
      const set = actionsByRole.get(id) ?? new Set<string>();
      actions.forEach((a) => set.add(a));
      actionsByRole.set(id, set);
    }
  }
  const out: Record<string, string[]> = {};
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const env = resource.Properties?.['Environment'];
    const step = isRecord(env) && isRecord(env['Variables']) ? env['Variables']['STEP'] : undefined;
    const role = logicalIdOf(resource.Properties?.['Role']);
    if (typeof step !== 'string' || role === undefined) continue;
    out[step] = [...(actionsByRole.get(role) ?? [])].sort();
  }
  return out;
}
