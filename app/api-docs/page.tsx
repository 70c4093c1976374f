import { requestDictionary } from '@/lib/i18n/request';

export default async function ApiPage() {
  const { t } = await requestDictionary();
  return (
    <>
      <h1>{t.nav.api}</h1>
      <p>{t.placeholder.comingSoon}</p>
    </>
  );
}
