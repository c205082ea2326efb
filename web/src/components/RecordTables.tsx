import { For, Show } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { EvidenceRecord } from '../../../functions/contract/evidence.ts';
import { formatDay, pick, t } from '../i18n/index.ts';
import { sm } from '../learner/seminars-i18n.ts';

/** The dated record, one table per area in the law's order (経営・財務・人材育成・販路開拓); shared by the founder's page and the public check. */
export function RecordTables(props: { areas: EvidenceRecord['areas'] }) {
  const byArea = () => AREAS.map((area) => ({ area, entries: props.areas.find((a) => a.area === area)?.entries ?? [] }));
  return (
    <section class="record-areas" aria-labelledby="record-by-area">
      <h2 id="record-by-area">{t('evidence.byArea')}</h2>
      <For each={byArea()}>
        {(a) => (
          <section class="record-area" aria-labelledby={`record-${a.area}`}>
            <h3 id={`record-${a.area}`}>{t(`area.${a.area}`)}</h3>
            <Show when={a.entries.length > 0} fallback={<p class="small">{t('evidence.noEntries')}</p>}>
              <table class="record" aria-labelledby={`record-${a.area}`}>
                <thead>
                  <tr>
                    <th scope="col">{t('evidence.date')}</th>
                    <th scope="col">{t('evidence.content')}</th>
                    <th scope="col">{t('evidence.score')}</th>
                    <th scope="col">{t('evidence.kind')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={a.entries}>
                    {(e) => (
                      <tr data-kind={e.kind}>
                        <td><time datetime={e.date}>{formatDay(e.date)}</time></td>
                        <td>{pick(e.title)}</td>
                        <td>
                          <Show when={e.quizScore !== null} fallback={<><span aria-hidden="true">—</span><span class="sr-only">{t('evidence.noScore')}</span></>}>
                            {e.quizScore}%
                          </Show>
                        </td>
                        {/* A session says how it was attended (at the venue, online, made up): the municipality's rule may count them differently. */}
                        <td data-mode={e.mode}>{e.kind === 'session' && e.mode ? sm(`evidence.mode.${e.mode}`) : t(e.kind === 'session' ? 'evidence.kind.session' : 'evidence.kind.module')}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </section>
        )}
      </For>
    </section>
  );
}

/** The sentence every record carries: it supports the municipality's check, it is not the certificate. */
export function NotCertificate() {
  return <p class="notice not-certificate">{t('evidence.notCertificate')}</p>;
}
