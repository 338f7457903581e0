/** Whether this runs outside a browser (server rendering, a prerender, Node): there is no `document`. */
export const onServer = (): boolean => typeof document === 'undefined'
