/** The translators' XLIFF files as text (Vite's `?raw` import; the designer chunk only). */
declare module '*.xlf?raw' {
  const text: string;
  export default text;
}
