// `npm start`: the whole platform on this machine, with real engines as child processes. Ctrl-C stops everything.
import { EngineError, assertPortFree } from './engines.ts';
import { buildIfStale, startLocalHost } from './host.ts';
import { DEMO_CODES, DEMO_LOGINS, DEMO_TOTP, DEMO_PASSWORD } from './seed.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function port(name: string, fallback: number): number {
  const v = process.env[name];
  const n = v ? Number(v) : fallback;
  if (!Number.isInteger(n) || n < 1 || n > 65535) { console.error(`${name} must be a port number (1–65535), got "${v}"`); process.exit(2); }
  return n;
}


async function main() {
  const ports = { port: port('PORT', 3000), dynamoPort: port('DYNAMO_PORT', 8000), s3Port: port('S3_PORT', 4569) };
  await assertPortFree(ports.port, 'PORT');
  await assertPortFree(ports.dynamoPort, 'DYNAMO_PORT');
  await assertPortFree(ports.s3Port, 'S3_PORT');
  if (!buildIfStale()) process.exit(1);
  console.log('Starting DynamoDB Local and the S3 server…');
  const host = await startLocalHost({ ...ports, dataDir: process.env.DATA_DIR ?? '.data' });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await host.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  console.log(`\nSōgyō Campus is running at ${host.url}\n`);
  if (host.seeded) console.log('Seeded a demo region (first run).');
  console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(8)} ${l.email.padEnd(26)} ${l.tenant}${DEMO_TOTP[l.email] ? `  two-step key ${DEMO_TOTP[l.email]}` : ''}`);
  console.log(`Staff, advisor and admin sign in with a two-step code: add the key to an authenticator app, or read the current codes at ${host.url}/dev/totp`);
  console.log(`Mail (invitations, password resets, confirmations) is not sent: read it at ${host.url}/dev/outbox`);
  console.log(`Enrolment codes for sign-up: ${DEMO_CODES.map((c) => `${c.code} (${c.tenant})`).join(', ')}`);
  console.log('Data is kept in .data/ (delete it to start over). Press Ctrl-C to stop.');
}


main().catch((e: unknown) => {
  if (e instanceof EngineError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
