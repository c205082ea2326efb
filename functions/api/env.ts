import type { Authenticated } from '../services/auth.ts';
import type { Deps } from '../services/deps.ts';

/** Hono context variables shared by every route. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    auth: Authenticated | null;
    requestId: string;
    clientAddress: string;
  };
}
