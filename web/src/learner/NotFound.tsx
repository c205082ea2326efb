import { A } from '@solidjs/router';
import { t } from '../i18n/index.ts';

export function NotFoundPage() {
  return (
    <section class="narrow">
      <h1>{t('state.notFound')}</h1>
      <p>{t('state.notFoundBody')}</p>
      <A href="/" class="button">{t('state.goHome')}</A>
    </section>
  );
}
