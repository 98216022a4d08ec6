import type { Rule, RuleMatch } from '../rule.ts';
import { compact, executionEvidence, PAYLOAD_LINE } from '../evidenceExcerpts.ts';
import { requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * A VTL request or response mapping template failed, or the integration response mapping is wrong:
 * "Execution failed due to configuration error: Unable to transform request", "... Unable to transform
 * response", "Invalid mapping expression specified", "Output mapping refers to an invalid method response".
 */
const TEMPLATE =
  /Unable to transform (request|response)|Invalid mapping expression|Output mapping refers to an invalid method response|mapping template|Unable to parse (the )?(request|response) (body|template)|Invalid (JSON|template) in (request|response) template|VTL|\$input\.|Template (transformation|rendering) (failed|error)/i;

export const mappingTemplateError: Rule = {
  id: 'mapping-template-error',
  match(r): RuleMatch | undefined {
    // Quoted bodies and headers are not the gateway's words: a backend's "Unable to parse the request body" is not a template.
    const line = (r.execution?.lines ?? []).find((l) => !PAYLOAD_LINE.test(l.text) && TEMPLATE.test(l.text) && /fail|error|unable|invalid/i.test(l.text));
    const exec = line ? { line } : undefined;
    if (!exec) return undefined;
    const side = /response|Output mapping/i.test(exec.line.text) ? 'response' : 'request';
    const facts: RuleMatch['facts'] = { detail: side };
    if (r.functionName) facts.functionName = r.functionName;
    return {
      id: 'mapping-template-error',
      confidence: 0.9,
      reason: `the ${side} mapping failed`,
      evidence: compact([executionEvidence(r, exec.line)]),
      facts,
    };
  },
  summarise(f) {
    const side = f.facts.detail === 'response' ? 'response' : 'request';
    return `The ${side} mapping template of ${routeLabel(f)} fails, so ${requestsLabel(f.requestCount)} got a 5xx${sinceLabel(f)}.`;
  },
  remediate(f) {
    const side = f.facts.detail === 'response' ? 'integration response' : 'integration request';
    return [
      `Open the ${side} of ${routeLabel(f)} (aws apigateway get-integration${f.facts.detail === 'response' ? '-response' : ''} ...) and test its mapping template with the failing request in the console's Test tab: execution logs at INFO with data tracing show the body before and after transformation.`,
      'Typical causes: $input.json/$input.path on a body that is not JSON (set the Content-Type mapping or passthrough behaviour), a missing $util.escapeJavaScript around strings, or a status regex that maps to a method response that does not exist.',
      'Redeploy the stage after the fix: template changes take effect only on deployment.',
    ];
  },
};
