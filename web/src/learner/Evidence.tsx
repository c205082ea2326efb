import { A } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import type { EvidenceRecord } from '../../../functions/contract/evidence.ts';
import { getEvidence, verifyUrl } from '../api/evidence.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { NotCertificate, RecordTables } from '../components/RecordTables.tsx';
import { formatDate, formatDay, locale, pick, t } from '../i18n/index.ts';

/** Container: the signed-in founder's own record. */
export function EvidencePage() {
  usePageTitle(() => t('evidence.title'));
  const [data, { refetch }] = createResource(getEvidence);
  return (
    <Switch fallback={<Loading />}>
      <Match when={data.error}><h1>{t('evidence.title')}</h1><ErrorNotice error={data.error} onRetry={refetch} /></Match>
      <Match when={data()}>{(r) => <EvidenceView record={r()} />}</Match>
    </Switch>
  );
}

/** View: the record as the founder shows or prints it for the municipality, with where it stands against the local rule. */
export function EvidenceView(props: { record: EvidenceRecord; origin?: string }) {
  const url = () => verifyUrl(props.record.verificationCode, props.origin ?? location.origin);
  const day = (d: string | null) => (d ? formatDay(d) : t('evidence.noDate'));
  return (
    <article class="evidence" lang={locale()} aria-labelledby="evidence-title">
      <h1 id="evidence-title">{t('evidence.title')}</h1>
      <NotCertificate />
      <dl class="facts">
        <div><dt>{t('evidence.name')}</dt><dd>{props.record.learner.name}</dd></div>
        <div><dt>{t('evidence.municipality')}</dt><dd>{pick(props.record.tenant.name)}</dd></div>
      </dl>
      <p class="small">{t('evidence.generatedAt', { date: formatDate(props.record.generatedAt) })}</p>
      <p class="no-print"><button type="button" onClick={() => window.print()}>{t('evidence.print')}</button></p>

      <RecordTables areas={props.record.areas} />

      <section aria-labelledby="evidence-period">
        <h2 id="evidence-period">{t('evidence.period')}</h2>
        <dl class="facts">
          <div><dt>{t('evidence.firstDate')}</dt><dd>{day(props.record.firstDate)}</dd></div>
          <div><dt>{t('evidence.lastDate')}</dt><dd>{day(props.record.lastDate)}</dd></div>
          <div><dt>{t('evidence.days')}</dt><dd>{t('evidence.daysValue', { count: props.record.distinctDays })}</dd></div>
        </dl>
      </section>

      <section aria-labelledby="evidence-rule">
        <h2 id="evidence-rule">{t('evidence.rule')}</h2>
        <Show when={props.record.eligibility.eligible} fallback={
          <div class="notice missing">
            <p>{t('evidence.missing')}</p>
            <ul><For each={props.record.eligibility.missingText}>{(m) => <li>{pick(m)}</li>}</For></ul>
          </div>
        }>
          <p class="notice ok">✓ {t('evidence.eligible')}</p>
        </Show>
      </section>

      <section aria-labelledby="evidence-code">
        <h2 id="evidence-code">{t('evidence.verification')}</h2>
        <p class="code">{props.record.verificationCode}</p>
        <p>{t('evidence.verifyHelp')}</p>
        <p class="verify-url"><a href={url()}>{url()}</a></p>
      </section>
      <p class="no-print"><A href="/">{t('state.goHome')}</A></p>
    </article>
  );
}
