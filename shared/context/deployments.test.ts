import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseDeployments } from './deployments.ts';
import { isParseProblem } from './problem.ts';

const FILE = 'api/deployments.json';

describe('parseDeployments', () => {
  it('reads aws apigateway get-deployments (epoch seconds), oldest first', () => {
    // Shape: aws/aws-cli awscli/examples/apigateway/get-deployments.rst
    const doc = {
      items: [
        { createdDate: 1795514281, id: 'k7d9zq', description: 'orders-fn timeout change' },
        { createdDate: 1453797217, id: '0a2b4c', description: 'Deployed my API for the first time' },
        { createdDate: 1790000000, id: 'p1x2y3' },
      ],
    };
    expect(parseDeployments(doc, FILE)).toEqual([
      { id: '0a2b4c', createdDate: 1453797217000, description: 'Deployed my API for the first time' },
      { id: 'p1x2y3', createdDate: 1790000000000 },
      { id: 'k7d9zq', createdDate: 1795514281000, description: 'orders-fn timeout change' },
    ]);
  });

  it('reads aws apigatewayv2 get-deployments (ISO dates) and marks failed deployments', () => {
    // Shape: apigatewayv2 API reference /v2/apis/apiId/deployments (deploymentId, createdDate, deploymentStatus,
    // deploymentStatusMessage, autoDeployed) in the CLI's PascalCase.
    const doc = {
      Items: [
        {
          AutoDeployed: true,
          CreatedDate: '2026-11-24T09:58:12+00:00',
          DeploymentId: 'shktxb',
          DeploymentStatus: 'DEPLOYED',
          Description: "Automatic deployment triggered by changes to the Api configuration",
        },
        {
          AutoDeployed: false,
          CreatedDate: '2026-11-24T09:40:00Z',
          DeploymentId: 'aaa111',
          DeploymentStatus: 'FAILED',
          DeploymentStatusMessage: 'Integration uri is invalid',
        },
      ],
    };
    expect(parseDeployments(doc, FILE)).toEqual([
      { id: 'aaa111', createdDate: Date.UTC(2026, 10, 24, 9, 40), description: '[FAILED: Integration uri is invalid]' },
      { id: 'shktxb', createdDate: Date.UTC(2026, 10, 24, 9, 58, 12), description: 'Automatic deployment triggered by changes to the Api configuration' },
    ]);
  });

  it('returns an empty list for an API with no deployments', () => {
    expect(parseDeployments({ items: [] }, FILE)).toEqual([]);
  });

  it('skips broken entries and keeps the rest', () => {
    const doc = { items: [null, 'x', { id: 'a' }, { createdDate: 1 }, { id: ['b'], createdDate: 1795514281 }, { id: 'ok', createdDate: '1795514281' }] };
    expect(parseDeployments(doc, FILE)).toEqual([{ id: 'ok', createdDate: 1795514281000 }]);
  });

  it('returns a problem for the wrong document or when nothing is usable', () => {
    for (const doc of [null, 'x', {}, { items: 'none' }, { position: 'abc' }, { items: [{ id: 'a' }] }]) {
      expect(isParseProblem(parseDeployments(doc, FILE)), JSON.stringify(doc)).toBe(true);
    }
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (doc) => {
      const r = parseDeployments(doc, FILE);
      return isParseProblem(r) || r.every((d) => typeof d.id === 'string' && Number.isFinite(d.createdDate));
    }));
  });
});
