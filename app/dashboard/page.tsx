import { requestDictionary } from '@/lib/i18n/request';

export default async function DashboardPage() {
  const { t } = await requestDictionary();
  return (
    <>
      <h1>{t.nav.dashboard}</h1>
      <p>{t.placeholder.comingSoon}</p>
    </>
  );
}
