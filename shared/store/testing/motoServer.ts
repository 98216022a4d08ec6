/**
 * moto_server for over-the-wire tests (the same recipe as shared/live/*.moto.test.ts): whether it is installed, and a
 * server on a free local port for one test file. Tests skip with a message where moto is absent.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export function motoInstalled(): boolean {
  return (
    spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore' }).status === 0 &&
    spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0
  );
}

export interface MotoServer {
  endpoint: string;
  stop(): void;
}

export async function startMotoServer(timeoutMs = 20_000): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const stop = () => {
    if (child.exitCode === null) child.kill();
  };
  try {
    await waitUntilUp(endpoint, Date.now() + timeoutMs);
  } catch (error) {
    stop();
    throw error;
  }
  return { endpoint, stop };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`moto_server did not start at ${url}`);
}
