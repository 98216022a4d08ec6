import { parseArgs } from 'node:util';
import { FakeSlackServer } from './FakeSlackServer.ts';

/**
 * Runs the fake Slack on 127.0.0.1 until interrupted and prints where it listens, e.g.
 *   npx tsx scripts/fakeSlack/serve.ts --port 3999
 *   npm run workflow:local -- --slack-url http://127.0.0.1:3999/api/ …
 * Every call it receives is printed as one JSON line (method, status, error, and the payload's text).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    token: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number, not ${JSON.stringify(values.port)}\n`);
  process.exit(2);
}

const fake = await FakeSlackServer.start({ port, ...(values.token === undefined ? {} : { token: values.token }) });
process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl, webhookUrl: fake.webhookUrl, token: fake.token })}\n`);

if (!values.quiet) {
  let seen = 0;
  setInterval(() => {
    const calls = fake.captured();
    for (const call of calls.slice(seen)) {
      const text = typeof call.body['text'] === 'string' ? call.body['text'].slice(0, 200) : undefined;
      process.stdout.write(`${JSON.stringify({ method: call.method, status: call.status, error: call.error, text })}\n`);
    }
    seen = calls.length;
  }, 200).unref();
}

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
