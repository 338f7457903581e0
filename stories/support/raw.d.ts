/** Vite's `?raw` imports: a file's text, as the Docs page shows it. */
declare module '*?raw' {
  const source: string
  export default source
}
