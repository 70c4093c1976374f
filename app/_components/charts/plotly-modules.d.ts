// Type declaration for the plotly.js locale module used by the partial bundle.
declare module 'plotly.js/lib/locales/fr' {
  const locale: { moduleType: 'locale'; name: string; dictionary: Record<string, string>; format: Record<string, unknown> };
  export default locale;
}
