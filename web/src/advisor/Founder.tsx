import { A, useParams } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { FounderRecord } from '../../../functions/contract/roles.ts';
import { request } from '../api/client.ts';
import { getCourse, getCourseIndex } from '../api/progress.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { formatDate, formatDay, pick, t } from '../i18n/index.ts';
import { FounderSupport } from '../staff/Support.tsx';
import { at } from './i18n/index.ts';

const allCourses = async (): Promise<PublicCourse[]> => Promise.all((await getCourseIndex()).courses.map((c) => getCourse(c.id)));

/**
 * Container and view: one founder of the advisor's caseload — their standing, what they have done, their evidence, and
 * the advisor's assignments (issue 11, point 3). Reading it is audited like the staff's view (GET /api/founders/:id).
 */
export default function AdvisorFounderPage() {
  const params = useParams<{ userId: string }>();
  const [record, { refetch }] = createResource(() => params.userId, (id) => request<FounderRecord>('GET', `/api/founders/${encodeURIComponent(id)}`));
  const [courses] = createResource(allCourses);
  usePageTitle(() => (record.error ? undefined : record.latest?.name));
  const title = (moduleId: string) => {
    for (const c of (courses.error ? undefined : courses.latest) ?? []) { const m = c.modules.find((x) => x.id === moduleId || `${c.id}/${x.id}` === moduleId); if (m) return pick(m.title); }
    return moduleId;
  };
  return (
    <Switch fallback={<Loading />}>
      <Match when={record.error}><h1>{at('home.title')}</h1><ErrorNotice error={record.error} onRetry={refetch} /></Match>
      <Match when={record()}>
        {(r) => (
          <article aria-labelledby="advisor-founder-title">
            <p><A href="/advisor">← {at('founder.back')}</A></p>
            <h1 id="advisor-founder-title">{r().name}</h1>
            <p class="small">{pick(r().tenantName)}・{at('founder.audited')}</p>
            <p><A href={`/advisor/founders/${r().userId}/plan`}>{at('card.openPlan', { name: r().name })}</A></p>
            <dl class="facts">
              <div><dt>{at('card.lastActive')}</dt><dd>{r().lastActiveAt ? formatDate(r().lastActiveAt!) : at('card.never')}</dd></div>
              <div><dt>{at('founder.joined')}</dt><dd>{formatDate(r().joinedAt)}</dd></div>
              <div><dt>{at('card.modules')}</dt><dd>{at('card.modulesValue', { count: r().completedModules.length })}</dd></div>
              <div><dt>{at('card.areas')}</dt><dd>{r().coveredAreas.length ? AREAS.filter((a) => r().coveredAreas.includes(a)).map((a) => t(`area.${a}`)).join('・') : at('card.noAreas')}</dd></div>
            </dl>
            <section aria-labelledby="advisor-founder-evidence">
              <h2 id="advisor-founder-evidence">{at('founder.evidence')}</h2>
              <Show when={r().evidence.length > 0} fallback={<p>{at('founder.noEvidence')}</p>}>
                <ul><For each={r().evidence}>{(e) => <li>{formatDay(e.date)}・{e.kind === 'module' ? title(e.ref) : e.ref}（{e.areas.map((a) => t(`area.${a}`)).join('・')}）</li>}</For></ul>
              </Show>
            </section>
            <Show when={courses.state === 'ready'}>
              <FounderSupport tenantId={r().tenantId} userId={r().userId} courses={(courses.error ? undefined : courses.latest) ?? []} attach={false} />
            </Show>
          </article>
        )}
      </Match>
    </Switch>
  );
}
