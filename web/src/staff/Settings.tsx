import { createSignal, Match, Show, Switch } from 'solid-js';
import type { TenantSettings } from '../../../functions/contract/staff.ts';
import { createTenantSettings } from '../api/tenants.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { refusedFields } from './controls.tsx';
import { st } from './i18n/index.ts';
import type { StaffKey } from './i18n/ja.ts';

type Errors = Partial<Record<keyof TenantSettings, StaffKey>>;
const whole = (v: string, min: number, max: number) => (/^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined);

/** Container: the municipality's workspace settings. */
export function SettingsPageContainer(props: { tenantId: string; tenantName: string }) {
  const store = createTenantSettings(() => props.tenantId);
  return (
    <Switch fallback={<Loading />}>
      <Match when={store.settings.error}><h1>{st('settings.title', { tenant: props.tenantName })}</h1><ErrorNotice error={store.settings.error} onRetry={store.refetch} /></Match>
      <Match when={store.settings.latest}>{(s) => <SettingsView tenantName={props.tenantName} settings={s()} save={store.save} />}</Match>
    </Switch>
  );
}

/** View: inactive days (7–30), audit retention (1–10 years) and days to make up a missed session (1–60), checked before sending, the API's refusals at their fields. */
export function SettingsView(props: { tenantName: string; settings: TenantSettings; save: (s: TenantSettings) => Promise<TenantSettings> }) {
  const [days, setDays] = createSignal(String(props.settings.inactiveDays));
  const [years, setYears] = createSignal(String(props.settings.auditRetentionYears));
  const [makeUp, setMakeUp] = createSignal(String(props.settings.makeUpDays));
  const [errors, setErrors] = createSignal<Errors>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [saved, setSaved] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const err = (k: keyof Errors) => { const key = errors()[k]; return key ? st(key) : undefined; };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFailure(undefined); setSaved(false);
    const inactiveDays = whole(days(), 7, 30);
    const auditRetentionYears = whole(years(), 1, 10);
    const makeUpDays = whole(makeUp(), 1, 60);
    const errs: Errors = {};
    if (inactiveDays === undefined) errs.inactiveDays = 'settings.error.inactiveDays';
    if (auditRetentionYears === undefined) errs.auditRetentionYears = 'settings.error.auditRetentionYears';
    if (makeUpDays === undefined) errs.makeUpDays = 'settings.error.makeUpDays';
    setErrors(errs);
    if (Object.keys(errs).length > 0) { queueMicrotask(() => summary?.focus()); return; }
    setBusy(true);
    try {
      const kept = await props.save({ inactiveDays: inactiveDays!, auditRetentionYears: auditRetentionYears!, makeUpDays: makeUpDays! });
      setDays(String(kept.inactiveDays)); setYears(String(kept.auditRetentionYears)); setMakeUp(String(kept.makeUpDays));
      setSaved(true);
    } catch (x) {
      const f = refusedFields(x);
      const mapped: Errors = {};
      if (f.inactiveDays) mapped.inactiveDays = 'settings.error.inactiveDays';
      if (f.auditRetentionYears) mapped.auditRetentionYears = 'settings.error.auditRetentionYears';
      if (f.makeUpDays) mapped.makeUpDays = 'settings.error.makeUpDays';
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(x);
      queueMicrotask(() => summary?.focus());
    } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{st('settings.title', { tenant: props.tenantName })}</h1>
      <div tabindex="-1" ref={summary}>
        <Show when={Object.keys(errors()).length > 0}><div class="notice error" role="alert"><p>{st('error.summary')}</p></div></Show>
        <ErrorNotice error={failure()} />
        <Show when={saved()}><p class="notice ok" role="status">{st('settings.saved')}</p></Show>
      </div>
      <form onSubmit={submit} novalidate>
        <Field id="inactiveDays" label={st('settings.inactiveDays')} hint={st('settings.inactiveDaysHint')} error={err('inactiveDays')}
          type="number" inputmode="numeric" min={7} max={30} step={1} required value={days()} onInput={(e) => { setDays(e.currentTarget.value); setSaved(false); }} />
        <Field id="auditRetentionYears" label={st('settings.auditRetentionYears')} hint={st('settings.auditRetentionYearsHint')} error={err('auditRetentionYears')}
          type="number" inputmode="numeric" min={1} max={10} step={1} required value={years()} onInput={(e) => { setYears(e.currentTarget.value); setSaved(false); }} />
        <Field id="makeUpDays" label={st('settings.makeUpDays')} hint={st('settings.makeUpDaysHint')} error={err('makeUpDays')}
          type="number" inputmode="numeric" min={1} max={60} step={1} required value={makeUp()} onInput={(e) => { setMakeUp(e.currentTarget.value); setSaved(false); }} />
        <button type="submit" class="primary" disabled={busy()}>{busy() ? st('settings.saving') : st('settings.save')}</button>
      </form>
    </section>
  );
}
