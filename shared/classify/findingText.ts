import type { FindingFacts } from './rule.ts';

/** Phrases shared by summaries and remediations, so that every rule names things the same way. */

export function functionLabel(f: FindingFacts): string {
  if (f.facts.functionName) return f.facts.functionName;
  if (f.functions.length > 0) return f.functions.join(', ');
  return 'the integrated function';
}

export function routeLabel(f: FindingFacts): string {
  if (f.routes.length === 0) return 'the affected routes';
  if (f.routes.length <= 3) return f.routes.join(', ');
  return `${f.routes.slice(0, 3).join(', ')} and ${f.routes.length - 3} more`;
}

export function requestsLabel(n: number): string {
  return n === 1 ? '1 request' : `${n} requests`;
}

export function sinceLabel(f: FindingFacts): string {
  return f.firstSeen ? ` since ${f.firstSeen.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}` : '';
}

/** The host of an HTTP backend URL ("https://api.example.com:8443/x" -> "api.example.com"). */
export function backendHost(f: FindingFacts): string | undefined {
  return /^https?:\/\/([^/:]+)/.exec(f.facts.backend ?? '')?.[1];
}

/** `--region` argument for copy-paste commands, when the region is known. */
export function regionArg(f: FindingFacts): string {
  return f.region ? ` --region ${f.region}` : '';
}

export function seconds(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
