import { Hono } from 'hono';
import * as z from 'zod';
import { EnrolmentCodeText } from '../../contract/api.ts';
import { describeCode } from '../../services/auth.ts';
import type { AppEnv } from '../env.ts';
import { open } from '../middleware/access.ts';
import { noQuery, param } from '../validate.ts';

/** Public: which municipality an enrolment code belongs to, so the founder can check before signing up. */
export const codeRoutes = new Hono<AppEnv>()
  .get('/:code', noQuery, param(z.object({ code: EnrolmentCodeText }).strict()), open, async (c) =>
    c.json(await describeCode(c.get('deps'), c.req.valid('param').code)));
