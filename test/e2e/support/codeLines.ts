import type { Page } from 'playwright-core'

/**
 * How many lines the code's characters take on `page`. A Range over the text sees its lines; the
 * inline-block code box is one rectangle however its text wraps.
 */
export function codeLines(page: Page): Promise<number> {
  return page.evaluate(() => {
    const text = document.querySelector('[data-part="code"]')?.firstChild
    if (!text) return 0
    const range = document.createRange()
    range.selectNodeContents(text)
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size
  })
}
