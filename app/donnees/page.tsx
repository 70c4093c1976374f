import { requestDictionary } from '@/lib/i18n/request';

export default async function DataPage() {
  const { t } = await requestDictionary();
  return (
    <>
      <h1>{t.nav.data}</h1>
      <p>{t.placeholder.comingSoon}</p>
    </>
  );
}
