import { createResource } from 'solid-js';
import type { Benchmark, ModuleFeedbackDetail, ModuleRanking, NewTenant, OnboardedTenant, RegionTenants } from '../../../functions/contract/region.ts';
import type { KpiView, SurveyAnswerBody, SurveyList, SurveyView, SurveyWindowBody, TenantSurvey } from '../../../functions/contract/survey.ts';
import { request } from './client.ts';

// The union's region view and yearly survey (admin), and a municipality's survey answer and benchmark (staff).

/** Every municipality of the union with its figures (admin). */
export const getRegionTenants = () => request<RegionTenants>('GET', '/api/region/tenants');
export const onboardTenant = (body: NewTenant) => request<OnboardedTenant>('POST', '/api/region/tenants', body);
export const getModuleRanking = () => request<ModuleRanking>('GET', '/api/region/modules');
export const getModuleDetail = (courseId: string, moduleId: string) =>
  request<ModuleFeedbackDetail>('GET', `/api/region/modules/${encodeURIComponent(courseId)}/${encodeURIComponent(moduleId)}`);

export const getSurveys = () => request<SurveyList>('GET', '/api/surveys');
export const openSurvey = (fiscalYear: number, body: SurveyWindowBody) => request<SurveyView>('PUT', `/api/surveys/${fiscalYear}`, body);
export const getKpi = (fiscalYear: number) => request<KpiView>('GET', `/api/surveys/${fiscalYear}/kpi`);

export const getTenantSurvey = (tenantId: string) => request<TenantSurvey>('GET', `/api/tenants/${encodeURIComponent(tenantId)}/survey`);
export const answerSurvey = (tenantId: string, fiscalYear: number, body: SurveyAnswerBody) =>
  request<TenantSurvey>('PUT', `/api/tenants/${encodeURIComponent(tenantId)}/survey/${fiscalYear}`, body);
export const getBenchmark = (tenantId: string) => request<Benchmark>('GET', `/api/tenants/${encodeURIComponent(tenantId)}/benchmark`);

export function createRegionTenants() {
  const [region, { refetch }] = createResource(getRegionTenants);
  return { region, refetch };
}
