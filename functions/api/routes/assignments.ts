import { Hono } from 'hono';
import { listAssignments } from '../../services/assignments.ts';
import type { AppEnv } from '../env.ts';
import { allow, callerAsFounder, founderOf } from '../middleware/access.ts';
import { noQuery } from '../validate.ts';

/** The signed-in founder's own assignments (home shows them, make-ups and overdue ones first). */
export const assignmentRoutes = new Hono<AppEnv>()
  .get('/', noQuery, allow('learner.read', callerAsFounder), async (c) => c.json(await listAssignments(c.get('deps'), founderOf(c).user.id)));
