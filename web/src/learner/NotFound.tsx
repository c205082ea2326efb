import { NotFound } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { t } from '../i18n/index.ts';

/** Any address the app does not know: the way home, never a retry. */
export function NotFoundPage() {
  usePageTitle(() => t('state.notFound'));
  return <NotFound />;
}
