import { useParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import type { VerifiedRecord } from '../../../functions/contract/evidence.ts';
import { ApiFailure } from '../api/client.ts';
import { verifyRecord } from '../api/evidence.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { NotCertificate, RecordTables } from '../components/RecordTables.tsx';
import { locale, pick, t } from '../i18n/index.ts';

const unknownCode = (e: unknown) => e instanceof ApiFailure && (e.code === 'not_found' || e.code === 'invalid_request');

/** Container of the public check (no sign-in): a municipality's staff open the address printed on the record. */
export function VerifyPage() {
  usePageTitle(() => t('verify.title'));
  const params = useParams();
  const [data, { refetch }] = createResource(() => params.code, (code) => verifyRecord(code.trim().toUpperCase()));
  return (
    <Switch fallback={<Loading />}>
      <Match when={unknownCode(data.error)}><VerifyNotFound /></Match>
      <Match when={data.error}><h1>{t('verify.title')}</h1><ErrorNotice error={data.error} onRetry={refetch} /></Match>
      <Match when={data()}>{(r) => <VerifyView record={r()} />}</Match>
    </Switch>
  );
}

/** View: name, municipality and the dated record; nothing else leaves the server, and nothing else is shown. */
export function VerifyView(props: { record: VerifiedRecord }) {
  return (
    <article class="evidence verify" lang={locale()} aria-labelledby="verify-title">
      <h1 id="verify-title">{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <NotCertificate />
      <dl class="facts">
        <div><dt>{t('evidence.name')}</dt><dd>{props.record.learner.name}</dd></div>
        <div><dt>{t('evidence.municipality')}</dt><dd>{pick(props.record.tenant.name)}</dd></div>
      </dl>
      <RecordTables areas={props.record.areas} />
    </article>
  );
}

export function VerifyNotFound() {
  return (
    <section class="narrow">
      <h1>{t('verify.title')}</h1>
      <div class="notice error" role="alert">
        <p>{t('verify.notFound')}</p>
        <p>{t('verify.notFoundBody')}</p>
      </div>
    </section>
  );
}
