import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortFree, checkJava, freePort } from '../../functions/entry/engines.ts';

describe('npm start explains what is missing in one line', () => {
  const path = process.env.PATH;
  afterEach(() => { process.env.PATH = path; });

  it('names the package to install when Java is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => checkJava()).toThrow(/^Java was not found: install Java 17 or newer \(Debian\/Ubuntu: apt-get install -y openjdk-17-jre-headless\)/);
  });

  it('names the busy port and the variable to change', async () => {
    const port = await freePort();
    const server = createServer().listen(port, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    try {
      await expect(assertPortFree(port, 'PORT')).rejects.toThrow(`Port ${port} is already in use: stop whatever uses it, or set PORT to another port`);
    } finally {
      server.close();
    }
    await expect(assertPortFree(port, 'PORT')).resolves.toBeUndefined();
  });
});
