import { requestDictionary } from '@/lib/i18n/request';

export default async function WatchPage() {
  const { t } = await requestDictionary();
  return (
    <>
      <h1>{t.nav.watch}</h1>
      <p>{t.placeholder.comingSoon}</p>
    </>
  );
}
