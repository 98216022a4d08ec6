/**
 * `${stageVariables.name}` references in integration URIs and authorizer URIs, resolved with a stage's
 * variables. An integration can name its function (or only the alias) through a stage variable
 * ("arn:...:function:${stageVariables.fn}/invocations"); a reference the stage does not define is what makes
 * API Gateway fail with "Invalid stage variable value" / a missing function, so it is reported, not dropped.
 */
const REFERENCE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

export interface Substituted {
  text: string;
  /** Variable names referenced but not defined on the stage. */
  unresolved: string[];
}

export function substituteStageVariables(text: string, variables: Readonly<Record<string, string>>): Substituted {
  const unresolved: string[] = [];
  const out = text.replace(REFERENCE, (whole, name: string) => {
    const value = variables[name];
    if (value === undefined) {
      unresolved.push(name);
      return whole;
    }
    return value;
  });
  return { text: out, unresolved };
}
