/**
 * What really changes `document.visibilityState` in headless Chromium, checked with a
 * `visibilitychange` listener (the reason `latency.ts` drives Chromium over a raw DevTools pipe):
 *
 *   npx tsx test/bench/visibilityProbe.ts
 *
 * 1. playwright-core (`launchChromium()` of the e2e tests): another page's `bringToFront()`,
 *    `Target.activateTarget` of a tab in the same window, and minimizing the window.
 * 2. The raw DevTools protocol, no Playwright attached: a second tab opened in front, the first
 *    tab activated again, the window minimized and restored.
 */
import type { Page } from 'playwright-core'
import { launchChromium } from '../e2e/support/browser'
import { launchCdpChromium, sleep } from './support/cdpBrowser'

const PAGE = `data:text/html,<title>probe</title><script>
window.__seen = [];
document.addEventListener('visibilitychange', () => __seen.push(document.visibilityState));
</script>probe`
const STATE = 'JSON.stringify({ state: document.visibilityState, focused: document.hasFocus(), events: window.__seen })'

function out(line: string): void {
  process.stdout.write(`${line}\n`)
}

async function withPlaywright(): Promise<void> {
  const browser = await launchChromium()
  try {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(PAGE)
    const show = async (step: string, target: Page = page) => {
      await sleep(300)
      out(`  playwright-core  ${step.padEnd(44)} ${String(await target.evaluate(STATE))}`)
    }
    await show('initial')
    const other = await context.newPage()
    await other.goto('data:text/html,other')
    await other.bringToFront()
    await show('another page opened + bringToFront()')
    const cdp = await browser.newBrowserCDPSession()
    const session = await context.newCDPSession(page)
    const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: { targetId: string; browserContextId: string } }
    const created = (await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId: targetInfo.browserContextId, newWindow: false, background: false })) as { targetId: string }
    await show('a tab opened in front in the same window')
    await cdp.send('Target.activateTarget', { targetId: created.targetId })
    await show('Target.activateTarget(the other tab)')
    const { windowId } = (await cdp.send('Browser.getWindowForTarget', { targetId: targetInfo.targetId })) as { windowId: number }
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } })
    await show('window minimized')
  } finally {
    await browser.close()
  }
}

async function withRawCdp(): Promise<void> {
  const browser = await launchCdpChromium()
  try {
    const { browserContextId } = await browser.send<{ browserContextId: string }>('Target.createBrowserContext', { disposeOnDetach: true })
    const { targetId } = await browser.send<{ targetId: string }>('Target.createTarget', { url: PAGE, browserContextId, newWindow: true })
    const { sessionId } = await browser.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
    const show = async (step: string) => {
      await sleep(300)
      const { result } = await browser.send<{ result: { value: string } }>('Runtime.evaluate', { expression: STATE, returnByValue: true }, sessionId)
      out(`  raw DevTools     ${step.padEnd(44)} ${result.value}`)
    }
    await show('initial')
    await browser.send('Target.createTarget', { url: 'about:blank', browserContextId, newWindow: false, background: false })
    await show('a tab opened in front in the same window')
    await browser.send('Target.activateTarget', { targetId })
    await show('Target.activateTarget(this tab)')
    const { windowId } = await browser.send<{ windowId: number }>('Browser.getWindowForTarget', { targetId })
    await browser.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } })
    await show('window minimized')
    await browser.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } })
    await show('window restored')
  } finally {
    await browser.close()
  }
}

try {
  await withPlaywright()
  await withRawCdp()
} catch (error) {
  process.stderr.write(`visibility probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
}
