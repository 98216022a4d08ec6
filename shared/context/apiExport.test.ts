import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseApiExport } from './apiExport.ts';
import { isParseProblem } from './problem.ts';

const FILE = 'api/export.json';
const LAMBDA_URI = (fn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${fn}/invocations`;

// Shape: REST get-export oas30 with extensions: servers with {basePath} (docs "Export a REST API"), integrations as in
// the docs' x-amazon-apigateway-integration / any-method examples, a mock with requestTemplates and an AWS integration
// with credentials and response templates (public REST export in github, "when_no_templates" Step Functions sample),
// a Lambda TOKEN authorizer in components.securitySchemes (docs "x-amazon-apigateway-authorizer examples for REST APIs").
const restOas30 = {
  openapi: '3.0.1',
  info: { title: 'orders-api', version: '2026-11-24T09:58:01Z' },
  servers: [{ url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/{basePath}', variables: { basePath: { default: 'prod' } } }],
  paths: {
    '/orders': {
      get: {
        security: [{ 'orders-token-authorizer': [] }],
        'x-amazon-apigateway-integration': {
          httpMethod: 'POST',
          uri: LAMBDA_URI('orders-fn'),
          responses: { default: { statusCode: '200' } },
          passthroughBehavior: 'when_no_match',
          contentHandling: 'CONVERT_TO_TEXT',
          type: 'aws_proxy',
        },
      },
      post: {
        'x-amazon-apigateway-integration': {
          credentials: 'arn:aws:iam::123456789012:role/orders-apigw-dynamodb',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
          responses: {
            default: { statusCode: '200', responseTemplates: { 'application/json': '{"id": "$input.path(\'$.Attributes.id.S\')"}' } },
            '4\\d{2}': { statusCode: '400' },
          },
          requestTemplates: { 'application/json': '{"TableName": "orders", "Item": {"id": {"S": "$context.requestId"}}}' },
          passthroughBehavior: 'when_no_templates',
          timeoutInMillis: 10000,
          type: 'aws',
        },
      },
    },
    '/orders/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        'x-amazon-apigateway-integration': {
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn:live/invocations',
          responses: { default: { statusCode: '200' } },
          passthroughBehavior: 'when_no_match',
          type: 'aws_proxy',
        },
      },
    },
    '/reports': {
      get: {
        'x-amazon-apigateway-integration': {
          httpMethod: 'POST',
          uri: LAMBDA_URI('${stageVariables.reportsFn}'),
          passthroughBehavior: 'when_no_match',
          type: 'aws_proxy',
        },
      },
    },
    '/legacy/{proxy+}': {
      parameters: [{ name: 'proxy', in: 'path', required: true, schema: { type: 'string' } }],
      'x-amazon-apigateway-any-method': {
        'x-amazon-apigateway-integration': {
          connectionId: 'k8s2ab',
          httpMethod: 'ANY',
          uri: 'http://internal-orders-nlb-123.elb.us-east-1.amazonaws.com/{proxy}',
          requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
          passthroughBehavior: 'when_no_match',
          connectionType: 'VPC_LINK',
          timeoutInMillis: 29000,
          type: 'http_proxy',
        },
      },
    },
    '/health': {
      get: {
        'x-amazon-apigateway-integration': {
          responses: { default: { statusCode: '200' } },
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          passthroughBehavior: 'when_no_match',
          type: 'mock',
        },
      },
    },
  },
  components: {
    securitySchemes: {
      'orders-token-authorizer': {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          authorizerUri: LAMBDA_URI('orders-authorizer'),
          authorizerResultTtlInSeconds: 300,
          type: 'token',
        },
      },
      api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
    },
  },
};

// Shape: HTTP API export as exported by API Gateway (github: a real "weather-app-api" export with
// "Default response for ANY /weather", components.x-amazon-apigateway-integrations, importexport-version 1.0),
// plus the $default route flagged isDefaultRoute (docs x-amazon-apigateway-any-method object), a JWT authorizer
// and an SQS-SendMessage subtype integration (docs "x-amazon-apigateway-integration object" for HTTP APIs).
const httpExport = {
  openapi: '3.0.1',
  info: { title: 'payments-http', version: '2026-11-24 09:58:12UTC' },
  servers: [{ url: 'https://k2j4h6g8f0.execute-api.us-east-2.amazonaws.com/{basePath}', variables: { basePath: { default: '' } } }],
  paths: {
    '/payments': {
      post: {
        responses: { default: { description: 'Default response for POST /payments' } },
        security: [{ 'cognito-jwt': [] }],
        'x-amazon-apigateway-integration': {
          payloadFormatVersion: '2.0',
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:123456789012:function:payments-fn/invocations',
          connectionType: 'INTERNET',
          timeoutInMillis: 30000,
        },
      },
    },
    '/payments/{id}': {
      get: {
        responses: { default: { description: 'Default response for GET /payments/{id}' } },
        'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/payments-read' },
      },
    },
    '/events': {
      post: {
        responses: { default: { description: 'Default response for POST /events' } },
        'x-amazon-apigateway-integration': {
          integrationSubtype: 'SQS-SendMessage',
          credentials: 'arn:aws:iam::123456789012:role/payments-apigw-sqs',
          requestParameters: { QueueUrl: 'https://sqs.us-east-2.amazonaws.com/123456789012/payments-events', MessageBody: '$request.body' },
          payloadFormatVersion: '1.0',
          type: 'aws_proxy',
          connectionType: 'INTERNET',
        },
      },
    },
    '/$default': {
      'x-amazon-apigateway-any-method': {
        isDefaultRoute: true,
        responses: { default: { description: 'Default response for ANY /$default' } },
        'x-amazon-apigateway-integration': {
          payloadFormatVersion: '1.0',
          type: 'http_proxy',
          httpMethod: 'ANY',
          uri: 'https://legacy.payments.example.com',
          connectionType: 'INTERNET',
        },
      },
    },
  },
  components: {
    securitySchemes: {
      'cognito-jwt': {
        type: 'oauth2',
        flows: {},
        'x-amazon-apigateway-authorizer': {
          identitySource: '$request.header.Authorization',
          jwtConfiguration: { audience: ['4l1ab2c3d4e5f6g7h8i9j0k1l2'], issuer: 'https://cognito-idp.us-east-2.amazonaws.com/us-east-2_AbCdEfGhI' },
          type: 'jwt',
        },
      },
    },
    'x-amazon-apigateway-integrations': {
      'payments-read': {
        payloadFormatVersion: '2.0',
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: 'arn:aws:lambda:us-east-2:123456789012:function:payments-read-fn',
        connectionType: 'INTERNET',
      },
    },
  },
  'x-amazon-apigateway-cors': { allowMethods: ['*'], allowHeaders: ['*'], maxAge: 0, allowCredentials: false, allowOrigins: ['*'] },
  'x-amazon-apigateway-importexport-version': '1.0',
};

describe('parseApiExport — REST oas30', () => {
  const api = parseApiExport(restOas30, FILE);
  const byRoute = (route: string) => (isParseProblem(api) ? undefined : api.integrations.find((i) => i.route === route));

  it('reads title, API id from the execute-api host, and REST type', () => {
    expect(api).toMatchObject({ title: 'orders-api', apiId: 'a1b2c3d4e5', apiType: 'REST' });
  });

  it('derives function name and ARN from Lambda invocation URIs, with aliases and stage variables', () => {
    expect(byRoute('GET /orders')).toEqual({
      route: 'GET /orders',
      type: 'aws_proxy',
      uri: LAMBDA_URI('orders-fn'),
      functionName: 'orders-fn',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn',
      hasResponseTemplates: false,
      authorizer: 'orders-token-authorizer',
    });
    expect(byRoute('GET /orders/{id}')).toMatchObject({ functionName: 'orders-fn', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn:live' });
    expect(byRoute('GET /reports')).toMatchObject({ functionName: '${stageVariables.reportsFn}' });
  });

  it('reads AWS-service integrations with credentials and mapping templates', () => {
    const post = byRoute('POST /orders');
    expect(post).toMatchObject({
      type: 'aws',
      uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
      credentials: 'arn:aws:iam::123456789012:role/orders-apigw-dynamodb',
      timeoutMs: 10000,
      hasRequestTemplates: true,
      hasResponseTemplates: true,
    });
    expect(post?.functionName).toBeUndefined();
  });

  it('reads ANY methods, VPC links and mocks', () => {
    expect(byRoute('ANY /legacy/{proxy+}')).toMatchObject({ type: 'http_proxy', connectionType: 'VPC_LINK', connectionId: 'k8s2ab', timeoutMs: 29000 });
    expect(byRoute('GET /health')).toMatchObject({ type: 'mock', hasRequestTemplates: true });
    expect(isParseProblem(api) ? 0 : api.integrations.length).toBe(6);
  });

  it('lists Lambda authorizers only (not API-key schemes)', () => {
    expect(isParseProblem(api) ? [] : api.authorizers).toEqual([{ name: 'orders-token-authorizer', functionName: 'orders-authorizer', type: 'token' }]);
  });
});

describe('parseApiExport — Swagger 2 (get-export --export-type swagger)', () => {
  it('reads host, securityDefinitions and marks the API REST', () => {
    // Shape: swagger 2.0 export with securityDefinitions and a REQUEST authorizer (public REST export in github, "hv-api-authorizer").
    const swagger = {
      swagger: '2.0',
      info: { version: '2026-11-24T09:58:01Z', title: 'orders-api' },
      host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      basePath: '/prod',
      schemes: ['https'],
      paths: {
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            parameters: [{ name: 'proxy', in: 'path', required: true, type: 'string' }],
            security: [{ 'req-auth': [] }],
            'x-amazon-apigateway-integration': { uri: LAMBDA_URI('orders-fn'), httpMethod: 'POST', type: 'aws_proxy' },
          },
        },
      },
      securityDefinitions: {
        'req-auth': {
          type: 'apiKey',
          name: 'Unused',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': { authorizerUri: LAMBDA_URI('req-authorizer'), authorizerResultTtlInSeconds: 0, type: 'request' },
        },
      },
    };
    expect(parseApiExport(swagger, FILE)).toEqual({
      title: 'orders-api',
      apiId: 'a1b2c3d4e5',
      apiType: 'REST',
      integrations: [
        {
          route: 'ANY /{proxy+}',
          type: 'aws_proxy',
          uri: LAMBDA_URI('orders-fn'),
          functionName: 'orders-fn',
          functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn',
          authorizer: 'req-auth',
        },
      ],
      authorizers: [{ name: 'req-auth', functionName: 'req-authorizer', type: 'request' }],
    });
  });
});

describe('parseApiExport — HTTP API export', () => {
  const api = parseApiExport(httpExport, FILE);
  const byRoute = (route: string) => (isParseProblem(api) ? undefined : api.integrations.find((i) => i.route === route));

  it('is typed HTTP, with its id and title', () => {
    expect(api).toMatchObject({ apiType: 'HTTP', apiId: 'k2j4h6g8f0', title: 'payments-http' });
  });

  it('reads Lambda proxy routes with payload format, JWT authorizer and $ref integrations with plain function ARNs', () => {
    expect(byRoute('POST /payments')).toMatchObject({
      type: 'aws_proxy',
      functionName: 'payments-fn',
      payloadFormatVersion: '2.0',
      timeoutMs: 30000,
      connectionType: 'INTERNET',
      authorizer: 'cognito-jwt',
    });
    expect(byRoute('GET /payments/{id}')).toMatchObject({
      functionName: 'payments-read-fn',
      functionArn: 'arn:aws:lambda:us-east-2:123456789012:function:payments-read-fn',
    });
  });

  it('reads the $default route and AWS service (subtype) integrations without inventing a function', () => {
    expect(byRoute('$default')).toMatchObject({ type: 'http_proxy', uri: 'https://legacy.payments.example.com' });
    const sqs = byRoute('POST /events');
    expect(sqs).toMatchObject({ type: 'aws_proxy', integrationSubtype: 'SQS-SendMessage', credentials: 'arn:aws:iam::123456789012:role/payments-apigw-sqs' });
    expect(sqs?.functionName).toBeUndefined();
  });

  it('reads a "$default" path key as the default route too', () => {
    const { '/$default': item, ...rest } = httpExport.paths;
    const api2 = parseApiExport({ ...httpExport, paths: { ...rest, $default: item } }, FILE);
    expect(isParseProblem(api2) ? [] : api2.integrations.map((i) => i.route)).toContain('$default');
  });

  it('lists the JWT authorizer', () => {
    expect(isParseProblem(api) ? [] : api.authorizers).toEqual([{ name: 'cognito-jwt', type: 'jwt' }]);
  });
});

describe('parseApiExport — bad input', () => {
  it('returns a problem for documents without paths', () => {
    for (const doc of [null, [], 'openapi', { openapi: '3.0.1' }, { openapi: '3.0.1', paths: [] }, { body: '{broken' }]) {
      expect(isParseProblem(parseApiExport(doc, FILE)), JSON.stringify(doc)).toBe(true);
    }
  });

  it('skips malformed path items and operations, keeps the rest', () => {
    const api = parseApiExport(
      { openapi: '3.0.1', paths: { '/a': [], '/b': { get: 'x', post: { 'x-amazon-apigateway-integration': ['aws_proxy'] } }, '/c': null } },
      FILE,
    );
    expect(api).toEqual({ integrations: [{ route: 'POST /b' }], authorizers: [] });
  });

  it('reads an export saved inside an SDK response body', () => {
    expect(parseApiExport({ body: JSON.stringify(httpExport), contentType: 'application/json' }, FILE)).toMatchObject({ apiType: 'HTTP' });
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (doc) => {
      const r = parseApiExport(doc, FILE);
      return isParseProblem(r) || (Array.isArray(r.integrations) && Array.isArray(r.authorizers));
    }));
  });

  it('never throws on arbitrary path items', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (paths) => {
      const r = parseApiExport({ openapi: '3.0.1', paths }, FILE);
      return !isParseProblem(r);
    }));
  });
});
