// npm run admin:create -- --email admin@union.example.jp --table <TableName> [--name 事務局] [--region ap-northeast-3] [--endpoint URL]
// Creates the union's first admin account directly in the table (only someone with deploy rights can run it) and prints
// a random password once. Uses the same service as the app, with production password hashing.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DomainError } from '../functions/domain/errors.ts';
import { loadServerCatalog } from '../functions/catalog/loader.ts';
import { configFromEnv } from '../functions/entry/config.ts';
import { createAccountWithRoles } from '../functions/services/accounts.ts';
import { createDb } from '../functions/store/db.ts';

const { values } = parseArgs({ options: {
  email: { type: 'string' }, table: { type: 'string' }, name: { type: 'string', default: '関西広域連合 事務局' },
  region: { type: 'string', default: 'ap-northeast-3' }, endpoint: { type: 'string' },
} });
if (!values.email || !values.table) {
  console.error('Usage: npm run admin:create -- --email <address> --table <TableName from the Data stack outputs> [--region ap-northeast-3]');
  process.exit(2);
}
delete process.env.SCRYPT_LOG2N;
const db = createDb({ table: values.table, region: values.region, ...(values.endpoint ? { endpoint: values.endpoint } : {}) });
const password = randomBytes(15).toString('base64url');
try {
  await createAccountWithRoles({
    db, clock: () => new Date(), catalog: () => loadServerCatalog(),
    config: configFromEnv({}, { secureCookies: true, allowedOrigins: [] }),
    mailer: { send: async () => { throw new Error('The first-admin command sends no mail'); } }, siteUrl: '',
  }, { email: values.email, name: values.name!, password, admin: true, roles: [] });
  console.log(`Admin ${values.email} created. Password (shown once; keep it in the union's password manager): ${password}`);
  console.log('At the first sign-in the site asks to set up two-step sign-in (an authenticator app); keep the recovery codes it shows.');
} catch (e) {
  console.error(e instanceof DomainError ? e.message : e);
  process.exit(1);
}
