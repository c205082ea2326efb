import { Hono } from 'hono';
import { TenantParams } from '../../contract/evidence.ts';
import { FiscalYearParams, SurveyAnswerBody, SurveyWindowBody, TenantSurveyParams } from '../../contract/survey.ts';
import { answerSurvey, kpiView, openSurvey, surveyList, tenantSurvey } from '../../services/surveys.ts';
import type { AppEnv } from '../env.ts';
import { allow, region, tenantInPath } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

/** The union's yearly survey, for the admin: every year's survey with its KPI, opening a year's survey, a year's KPI. */
export const surveyRoutes = new Hono<AppEnv>()
  .get('/', noQuery, allow('region.read', region), async (c) => c.json(await surveyList(c.get('deps'))))
  .put('/:fiscalYear', noQuery, param(FiscalYearParams), json(SurveyWindowBody), allow('region.manage', region), async (c) =>
    c.json(await openSurvey(c.get('deps'), requireAuth(c), c.req.valid('param').fiscalYear, c.req.valid('json'))))
  .get('/:fiscalYear/kpi', noQuery, param(FiscalYearParams), allow('region.read', region), async (c) =>
    c.json(await kpiView(c.get('deps'), c.req.valid('param').fiscalYear)));

/** A municipality's answer to the survey: its staff read and answer; the union's admins read it. */
export const tenantSurveyRoutes = new Hono<AppEnv>()
  .get('/:tenantId/survey', noQuery, param(TenantParams), allow('tenant.read', tenantInPath), async (c) =>
    c.json(await tenantSurvey(c.get('deps'), c.req.valid('param').tenantId)))
  .put('/:tenantId/survey/:fiscalYear', noQuery, param(TenantSurveyParams), json(SurveyAnswerBody), allow('survey.answer', tenantInPath), async (c) =>
    c.json(await answerSurvey(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').fiscalYear, c.req.valid('json'))));
