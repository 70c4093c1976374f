import { requestDictionary } from '@/lib/i18n/request';

export default async function ModelPage() {
  const { t } = await requestDictionary();
  return (
    <>
      <h1>{t.nav.model}</h1>
      <p>{t.placeholder.comingSoon}</p>
    </>
  );
}
