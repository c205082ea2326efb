import type { Action, Resource } from '../domain/policy.ts';
import type { LoadedFounder } from '../services/access.ts';
import type { Authenticated } from '../services/auth.ts';
import type { Deps } from '../services/deps.ts';

/** Hono context variables shared by every route. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    auth: Authenticated | null;
    requestId: string;
    clientAddress: string;
    /** What the route's access declaration decided (middleware/access.ts); unset means undeclared. */
    access?: 'public' | 'signed_in' | { action: Action; resource: Resource };
    /** The founder named by the path, as the checkpoint loaded it (founder routes only). */
    founder?: LoadedFounder;
  };
}
