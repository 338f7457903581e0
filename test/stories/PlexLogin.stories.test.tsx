import { readFileSync } from 'node:fs'
import { composeStories, setProjectAnnotations } from '@storybook/react-vite'
import { onlineManager } from '@tanstack/react-query'
import { fireEvent, render, screen, within } from '@testing-library/react'
import axe from 'axe-core'
import { http, HttpResponse, type HttpHandler } from 'msw'
import type { MswApi } from 'msw-storybook-addon'
import { describe, expect, it, vi } from 'vitest'
import { defaultPlexLoginLabels } from '../../src'
import preview from '../../stories/.storybook/preview'
import * as stories from '../../stories/PlexLogin.stories'
import { plexLoginStates, STATE_SHOWN_AFTER_MS, type PlexLoginStateName } from '../../stories/support/states'
import { customTheme } from '../../stories/support/themes'
import { arabicLabels, germanLabels } from '../../stories/support/translations'
import { deepText } from '../support/deepText'
import { server } from '../support/server'
import { flush, installFakeClock } from '../support/simulator'

// The stories' MSW is test/setup.ts's node server here. The preview's MSW `beforeEach` finds
// `msw` already set and starts no service worker.
setProjectAnnotations([
  {
    beforeEach(context) {
      context.msw = server as unknown as MswApi
    },
  },
  preview,
])

const composed = composeStories(stories)
type ComposedStory = (typeof composed)[keyof typeof composed]

/** Loads a story (fresh simulators, handlers on the server), renders it and lets time pass. */
async function renderStory(
  Story: ComposedStory,
  { after = STATE_SHOWN_AFTER_MS, handlers = [], ...props }: { after?: number; handlers?: HttpHandler[]; onAuthenticated?: (token: string) => void; maxRenewals?: number } = {},
) {
  installFakeClock()
  await Story.load()
  // In front of the story's simulator, which its loader has just put on the server.
  server.use(...handlers)
  const view = render(<Story {...props} />)
  await flush(after)
  return view
}

function widgets(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('[data-plex-login]')]
}

function onlyWidget(container: HTMLElement): HTMLElement {
  const [widget, ...others] = widgets(container)
  expect(others).toHaveLength(0)
  if (!widget) throw new Error('The story rendered no widget')
  return widget
}

/** Checks that `widget` shows what a state story claims. */
function expectState(widget: HTMLElement, name: PlexLoginStateName) {
  const { shows } = plexLoginStates[name]
  expect(widget.dataset.state).toBe(shows.state)
  expect(widget.hasAttribute('data-retrying')).toBe(shows.retrying)
  expect(within(widget).getByRole('status').textContent).toContain(shows.status)
}

/** What each state shows besides its status line. */
const stateDetails: Record<PlexLoginStateName, (widget: HTMLElement) => void> = {
  creating: (widget) => {
    // The body holds its place while the code is on its way: empty, inert, hidden.
    expect(widget.querySelector('[data-part="body"][data-placeholder][aria-hidden="true"] [data-part="code"]')?.textContent?.trim()).toBe('')
    expect(widget.querySelector('[data-placeholder] a[href], [data-placeholder] button:enabled')).toBeNull()
  },
  reconnecting: (widget) => {
    expect(widget.querySelector('[data-part="body"][data-placeholder] [data-part="code"]')?.textContent?.trim()).toBe('')
    expect(within(widget).queryByRole('button', { name: 'Try again' })).toBeNull()
  },
  waiting: (widget) => {
    expect(widget.querySelector('[data-part="code"]')?.textContent).toMatch(/^[A-Z0-9]{4}$/)
    expect(within(widget).getByRole('img', { name: /QR code/ })).toBeTruthy()
    expect(widget.querySelector('[data-part="countdown"]')?.textContent).toBe('Code expires in 14:57')
  },
  expiringSoon: (widget) => {
    const countdown = widget.querySelector('[data-part="countdown"]')
    expect(countdown?.textContent).toBe('Code expires in 00:42')
    expect(countdown?.hasAttribute('data-urgent')).toBe(true)
  },
  renewed: (widget) => expect(widget.querySelector('[data-part="code"]')?.textContent).toMatch(/^[A-Z0-9]{4}$/),
  retrying: (widget) => expect(widget.querySelector('[data-part="code"]')?.textContent).toMatch(/^[A-Z0-9]{4}$/),
  rateLimited: (widget) => expect(widget.querySelector('[data-part="code"]')?.textContent).toMatch(/^[A-Z0-9]{4}$/),
  error: (widget) => {
    expect(widget.querySelector('[data-part="error"]')?.textContent).toMatch(/a web page: a Wi-Fi sign-in page/)
    expect(within(widget).getByRole('button', { name: 'Try again' })).toBeTruthy()
  },
  misconfigured: (widget) => {
    expect(widget.querySelector('[data-part="code"]')).toBeNull()
    expect(within(widget).queryByRole('button')).toBeNull()
  },
  expired: (widget) => {
    expect(widget.querySelector('[data-part="code"]')).toBeNull()
    expect(within(widget).getByRole('button', { name: 'Get a new code' })).toBeTruthy()
  },
  authenticated: (widget) => expect(widget.querySelector('[data-part="code"]')).toBeNull(),
}

/** Axe finds nothing. jsdom does no layout, so colour contrast is checked in Storybook only. */
async function expectNoAxeViolations(container: HTMLElement) {
  // axe schedules its work with timers; the story's clock stays where the test left it.
  vi.useRealTimers()
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
}

const stateStories = Object.entries(composed).filter(([, Story]) => Story.parameters.plexLoginState !== undefined)

describe('PlexLogin stories', () => {
  it('are all run as tests here', () => {
    const tested = [...stateStories.map(([name]) => name), 'AllStates', 'Offline', 'CopyRefused', 'CustomLayout', 'LiveSignIn', 'German', 'RightToLeft']
    expect(Object.keys(composed).sort()).toEqual(tested.sort())
  })

  describe.each(stateStories)('%s', (_name, Story) => {
    const state = Story.parameters.plexLoginState as PlexLoginStateName

    it(`shows the ${state} state, and axe finds no violation`, async () => {
      const { container } = await renderStory(Story)
      const widget = onlyWidget(container)
      expectState(widget, state)
      stateDetails[state](widget)
      await expectNoAxeViolations(container)
    })
  })

  describe('German', () => {
    it('says everything in German, the countdown included, and axe finds no violation', async () => {
      const { container } = await renderStory(composed.German)
      const widget = onlyWidget(container)
      expect(widget.dataset.state).toBe('waiting')
      expect(within(widget).getByRole('heading').textContent).toBe('Mit Plex-Benutzerkonto anmelden und Geräteverknüpfung bestätigen')
      expect(within(widget).getByRole('status').textContent).toContain('Warten auf die Eingabe des Anmeldebestätigungscodes')
      expect(widget.querySelector('[data-part="countdown"]')?.textContent).toBe('Gültigkeitsdauer des Anmeldebestätigungscodes: noch 14:57')
      expect(within(widget).getByRole('button', { name: 'Anmeldebestätigungscode kopieren' })).toBeTruthy()
      await expectNoAxeViolations(container)
    })
  })

  // The stories show what a translation looks like; one that leaves words in English (the error
  // sentence, the reconnect line) showed them, scrambled in right-to-left (an i18n probe).
  it.each([
    ['German', germanLabels],
    ['Arabic', arabicLabels],
  ])('the %s translation covers every label', (_name, labels) => {
    expect(Object.keys(defaultPlexLoginLabels).filter((key) => !(key in labels))).toEqual([])
  })

  describe('RightToLeft', () => {
    it('lays out right to left with Arabic words and digits, the code left to right, and axe finds no violation', async () => {
      const { container } = await renderStory(composed.RightToLeft)
      const widget = onlyWidget(container)
      expect(widget.dataset.state).toBe('waiting')
      expect(widget.getAttribute('dir')).toBe('rtl')
      expect(widget.querySelector('[data-part="code"]')?.getAttribute('dir')).toBe('ltr')
      expect(within(widget).getByRole('status').textContent).toContain('في انتظار إدخال الرمز')
      expect(widget.querySelector('[data-part="countdown"]')?.textContent).toBe('تنتهي صلاحية الرمز خلال ١٤:٥٧')
      await expectNoAxeViolations(container)
    })
  })

  describe('ErrorState', () => {
    it('"Try again" gets a code (the proxy failed once), and each render gets a fresh simulator', async () => {
      const first = await renderStory(composed.ErrorState)
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
      await flush()
      expectState(onlyWidget(first.container), 'waiting')
      first.unmount()

      // The second render's proxy fails again: nothing was spent by the first one.
      const second = await renderStory(composed.ErrorState)
      expectState(onlyWidget(second.container), 'error')
    })
  })

  describe('Expired', () => {
    it('"Get a new code" starts again with a code that lasts', async () => {
      const { container } = await renderStory(composed.Expired)
      fireEvent.click(screen.getByRole('button', { name: 'Get a new code' }))
      await flush(60_000)
      expectState(onlyWidget(container), 'waiting')
    })
  })

  describe('DarkMode', () => {
    it('forces the dark palette with data-color-scheme="dark", the same one prefers-color-scheme picks', async () => {
      const stylesheet = readFileSync('src/styles.css', 'utf8')
      const palette = (block: string) => Object.fromEntries([...block.matchAll(/(--_[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name, value?.trim()]))
      const automatic = palette(/@media\s*\(prefers-color-scheme:\s*dark\)\s*\{[^{]*\{([^}]*)\}/.exec(stylesheet)?.[1] ?? '')
      const forced = palette(/\[data-color-scheme='dark'\]\s*\{([^}]*)\}/.exec(stylesheet)?.[1] ?? '')
      expect(Object.keys(automatic).length).toBeGreaterThan(5)
      expect(forced).toEqual(automatic)

      const { container } = await renderStory(composed.DarkMode)
      expect(onlyWidget(container).getAttribute('data-color-scheme')).toBe('dark')
    })
  })

  describe('CustomTheme', () => {
    it('sets every --plex-login-* property of the theme on the widget', async () => {
      const { container } = await renderStory(composed.CustomTheme)
      const widget = onlyWidget(container)
      for (const [name, value] of Object.entries(customTheme)) expect(widget.style.getPropertyValue(name)).toBe(value)
    })
  })

  describe('CopyRefused', () => {
    it('says the code could not be copied and keeps it on screen, and axe finds no violation', async () => {
      const { container } = await renderStory(composed.CopyRefused, { after: 0 })
      const widget = onlyWidget(container)
      expect(widget.dataset.state).toBe('waiting')
      expect(within(widget).getByRole('status').textContent).toContain(defaultPlexLoginLabels.copyFailed)
      expect(within(widget).getByRole('button', { name: 'Copy code' })).toBeTruthy()
      expect(widget.querySelector('[data-part="code"]')?.textContent).toMatch(/^[A-Z0-9]{4}$/)
      await expectNoAxeViolations(container)
    })

    it('gives the page its clipboard back once it unmounts', async () => {
      const before = [Object.getOwnPropertyDescriptor(navigator, 'clipboard'), Object.getOwnPropertyDescriptor(document, 'execCommand')]
      const { unmount } = await renderStory(composed.CopyRefused, { after: 0 })
      expect(Object.getOwnPropertyDescriptor(navigator, 'clipboard')).not.toEqual(before[0])
      unmount()
      expect([Object.getOwnPropertyDescriptor(navigator, 'clipboard'), Object.getOwnPropertyDescriptor(document, 'execCommand')]).toEqual(before)
    })
  })

  describe('Offline', () => {
    it('keeps the code once the browser is offline, sends nothing, says why, and axe finds no violation', async () => {
      const sent = vi.fn()
      server.events.on('request:start', sent)
      try {
        const { container } = await renderStory(composed.Offline, { after: 0 })
        const widget = onlyWidget(container)
        const code = widget.querySelector('[data-part="code"]')?.textContent
        expect(code).toMatch(/^[A-Z0-9]{4}$/)
        expect(onlineManager.isOnline()).toBe(false)

        await flush(STATE_SHOWN_AFTER_MS)
        const requests = sent.mock.calls.length
        expect(widget.dataset.state).toBe('waiting')
        expect(widget.hasAttribute('data-retrying')).toBe(false)
        expect(within(widget).getByRole('status').textContent).toBe(defaultPlexLoginLabels.offline)
        expect(widget.querySelector('[data-part="code"]')?.textContent).toBe(code)
        expect(within(widget).getByRole('img', { name: /QR code/ })).toBeTruthy()
        expect(widget.querySelector('[data-part="countdown"]')?.textContent).toBe('Code expires in 14:57')

        await flush(10_000)
        expect(sent.mock.calls.length).toBe(requests)
        await expectNoAxeViolations(container)
      } finally {
        server.events.removeListener('request:start', sent)
      }
    })

    it('leaves the browser online for the next story once it unmounts', async () => {
      const { unmount } = await renderStory(composed.Offline)
      expect(onlineManager.isOnline()).toBe(false)
      unmount()
      expect(onlineManager.isOnline()).toBe(true)

      const { container } = await renderStory(composed.Waiting)
      expectState(onlyWidget(container), 'waiting')
    })
  })

  describe('CustomLayout', () => {
    const spacedCode = /^[A-Z0-9]( [A-Z0-9]){3}$/

    it('draws its own layout from the state: code, QR code, link and a ticking countdown; axe finds no violation', async () => {
      const { container } = await renderStory(composed.CustomLayout, { after: 0 })
      const widget = onlyWidget(container)
      expect(widget.dataset.state).toBe('waiting')
      // The app's layout instead of the built-in parts, inside the widget's named region.
      expect(widget.querySelector('[data-part]')).toBeNull()
      expect(screen.getByRole('region', { name: defaultPlexLoginLabels.region })).toBe(widget)

      const code = within(widget).getByText(spacedCode).textContent?.replaceAll(' ', '')
      expect(within(widget).getByRole('link', { name: 'plex.tv/link' }).getAttribute('href')).toBe(`https://plex.tv/link?pin=${code}`)
      expect(within(widget).getByRole('img', { name: 'QR code for plex.tv/link' })).toBeTruthy()
      expect(within(widget).getByRole('status').textContent).toBe('Waiting for you to enter the code…')
      expect(within(widget).getByText(/^Expires in/).textContent).toBe('Expires in 15:00')

      await flush(STATE_SHOWN_AFTER_MS)
      expect(within(widget).getByText(/^Expires in/).textContent).toBe('Expires in 14:57')
      await expectNoAxeViolations(container)
    })

    it('its "Try again" recovers from an error', async () => {
      const proxyPage = http.post(
        /\.simulator\.invalid\/api\/v2\/pins$/,
        () => new HttpResponse('<!doctype html><title>Hotel Wi-Fi</title>', { headers: { 'Content-Type': 'text/html' } }),
        { once: true },
      )
      const { container } = await renderStory(composed.CustomLayout, { after: 0, handlers: [proxyPage] })
      const widget = onlyWidget(container)
      expect(widget.dataset.state).toBe('error')
      expect(within(widget).getByRole('status').textContent).toMatch(/^Sign-in stopped\. .*a web page: a Wi-Fi sign-in page/)
      expect(within(widget).queryByText(spacedCode)).toBeNull()

      fireEvent.click(within(widget).getByRole('button', { name: 'Try again' }))
      await flush()
      expect(widget.dataset.state).toBe('waiting')
      expect(within(widget).getByText(spacedCode)).toBeTruthy()
      expect(within(widget).queryByRole('button')).toBeNull()
    })

    it('its "Get a new code" starts again once the code expired', async () => {
      const gone = http.get(
        /\.simulator\.invalid\/api\/v2\/pins\/\d+$/,
        () => HttpResponse.json({ errors: [{ code: 1020, message: 'Code not found or expired', status: 404 }] }, { status: 404 }),
        { once: true },
      )
      const { container } = await renderStory(composed.CustomLayout, { maxRenewals: 0, handlers: [gone] })
      const widget = onlyWidget(container)
      expect(widget.dataset.state).toBe('expired')
      expect(within(widget).getByRole('status').textContent).toBe('That code expired.')
      expect(within(widget).queryByText(spacedCode)).toBeNull()

      fireEvent.click(within(widget).getByRole('button', { name: 'Get a new code' }))
      await flush()
      expect(widget.dataset.state).toBe('waiting')
      expect(within(widget).getByText(spacedCode)).toBeTruthy()
    })
  })

  describe('AllStates', () => {
    it('shows every state side by side, each as it claims, and axe finds no violation', async () => {
      const { container } = await renderStory(composed.AllStates)
      const panels = [...container.querySelectorAll<HTMLElement>('[data-scenario]')]
      expect(panels.map((panel) => panel.dataset.scenario)).toEqual(Object.keys(plexLoginStates))
      for (const panel of panels) {
        const name = panel.dataset.scenario as PlexLoginStateName
        expectState(onlyWidget(panel), name)
        stateDetails[name](onlyWidget(panel))
      }
      await expectNoAxeViolations(container)
    })
  })

  describe('LiveSignIn', () => {
    it('signs in with the code typed into the phone, and shows the token masked only', async () => {
      const log = vi.spyOn(console, 'log')
      const warn = vi.spyOn(console, 'warn')
      const error = vi.spyOn(console, 'error')
      const onAuthenticated = vi.fn<(token: string) => void>()
      const { container } = await renderStory(composed.LiveSignIn, { after: 0, onAuthenticated })
      const widget = onlyWidget(container)
      expect(widget.dataset.state).toBe('waiting')
      const code = widget.querySelector('[data-part="code"]')?.textContent ?? ''
      expect(screen.getByText(/Nothing yet/)).toBeTruthy()

      const phone = within(screen.getByRole('region', { name: 'Link a device' }))
      const input = phone.getByLabelText('Enter the 4-character code shown on your device')
      fireEvent.change(input, { target: { value: code === 'ZZZZ' ? 'YYYY' : 'ZZZZ' } })
      fireEvent.click(phone.getByRole('button', { name: 'Link' }))
      expect(phone.getByRole('alert').textContent).toMatch(/^The code [YZ]{4} was not found/)

      fireEvent.change(input, { target: { value: code.toLowerCase() } })
      fireEvent.click(phone.getByRole('button', { name: 'Link' }))
      expect(phone.getByRole('status').textContent).toBe('Linked! You can return to the app.')
      await flush(1000)

      expect(widget.dataset.state).toBe('authenticated')
      expect(onAuthenticated).toHaveBeenCalledTimes(1)
      const token = onAuthenticated.mock.calls[0]?.[0] ?? ''
      expect(token.length).toBeGreaterThan(8)
      expect(container.querySelector('[data-token]')?.textContent).toBe(`••••••••${token.slice(-4)}`)
      expect(container.querySelector('[data-statuses]')?.textContent).toContain('creating → waiting → authenticated')
      expect(document.documentElement.outerHTML).not.toContain(token)
      for (const spy of [log, warn, error]) expect(deepText(spy.mock.calls)).not.toContain(token)
      await expectNoAxeViolations(container)
    })

    it('"Start again" gives a new widget with a new code', async () => {
      const { container } = await renderStory(composed.LiveSignIn, { after: 0 })
      const first = container.querySelector('[data-part="code"]')?.textContent
      fireEvent.click(screen.getByRole('button', { name: 'Start again with a new widget' }))
      await flush()
      const widget = onlyWidget(container)
      expect(widget.dataset.state).toBe('waiting')
      expect(widget.querySelector('[data-part="code"]')?.textContent).not.toBe(first)
    })

    // The state stories script plex.tv in advance; here a visitor makes it misbehave mid sign-in
    // and watches the widget recover (a Storybook probe found no way to).
    it('makes plex.tv expire the code, fail for a while or answer a portal page, and the widget recovers each time', async () => {
      const { container } = await renderStory(composed.LiveSignIn, { after: 0 })
      const widget = onlyWidget(container)
      const plex = within(screen.getByRole('region', { name: 'Make plex.tv misbehave' }))
      const code = () => widget.querySelector('[data-part="code"]')?.textContent
      const first = code()

      fireEvent.click(plex.getByRole('button', { name: 'Expire the code' }))
      await flush(1000)
      expect(widget.dataset.state).toBe('waiting')
      expect(code()).not.toBe(first)
      expect(within(widget).getByRole('status').textContent).toContain('The previous code expired')

      fireEvent.click(plex.getByRole('button', { name: 'Fail the next 3 polls (HTTP 503)' }))
      await flush(3000) // one lost poll alone passes silently
      expect(widget.hasAttribute('data-retrying')).toBe(true)
      await flush(15_000)
      expect(widget.hasAttribute('data-retrying')).toBe(false)
      expect(widget.dataset.state).toBe('waiting')

      fireEvent.click(plex.getByRole('button', { name: 'Answer the next poll with a Wi-Fi login page' }))
      await flush(1000)
      expect(widget.dataset.state).toBe('error')
      fireEvent.click(within(widget).getByRole('button', { name: 'Try again' }))
      await flush()
      expect(widget.dataset.state).toBe('waiting')
      expect(plex.getByRole('status').textContent).toBe('The next poll gets a Wi-Fi login page instead of JSON.')
      await expectNoAxeViolations(container)
    })
  })
})
