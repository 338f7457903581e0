/**
 * Calls an app's callback so that a bug in it cannot unmount the sign-in: an error it throws, or
 * its promise rejects with, goes to the page's error reporting (`reportError`, which logs it and
 * fires the window's `error` event, as an uncaught error would) instead of through React, which
 * would tear down the widget and lose the code the person may be typing.
 */
export function callSafely<Args extends unknown[]>(callback: ((...args: Args) => unknown) | undefined, ...args: Args): void {
  try {
    // An async callback (`async (token) => { await post(token) }`) rejects instead of throwing.
    Promise.resolve(callback?.(...args)).catch(reportAppError)
  } catch (error) {
    reportAppError(error)
  }
}

/** Hands an error from the app's code to the page's error reporting, as if it were uncaught. */
export function reportAppError(error: unknown): void {
  if (typeof reportError === 'function') reportError(error)
  else
    setTimeout(() => {
      throw error
    })
}
