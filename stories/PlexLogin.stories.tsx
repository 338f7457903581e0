import type { Meta, StoryObj } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { DEFAULT_BASE_URL, DEFAULT_LINK_URL, DEFAULT_MAX_RENEWALS, PlexLogin, POLL_INTERVAL_MS } from '../src'
import { MyPlexSignIn } from './support/CustomLayout'
import customLayoutSource from './support/CustomLayout.tsx?raw'
import { CopyRefusedOnceCodeShows } from './support/CopyRefused'
import { LiveSignInDemo } from './support/LiveSignIn'
import { OfflineOnceCodeShows } from './support/Offline'
import { simulatorOf, simulatorsOf, simulatorsStory, simulatorStory } from './support/simulatorStory'
import { StateGallery } from './support/StateGallery'
import { plexLoginStates, type PlexLoginState, type PlexLoginStateName } from './support/states'
import { customTheme, darkBackdrop, themeStyle } from './support/themes'
import { arabicLabels, germanLabels } from './support/translations'

/**
 * A snippet for a story whose own render would print its props: Storybook's generated one shows
 * every object as given (the simulators, a token, label functions as `function hY(){}`).
 */
function snippet(code: string) {
  return { code, language: 'tsx' }
}

/** The snippet a visitor copies talks to plex.tv, not to this story's simulator. */
function withoutSimulatorOrigin(code: string): string {
  return code.replace(/\n\s*baseUrl="https:\/\/plex-\d+\.simulator\.invalid"/g, '')
}

/**
 * "Sign in with Plex" the way TVs do it: the person enters the code shown here at plex.tv/link,
 * and the app receives their Plex token.
 *
 * Every story runs against an in-memory plex.tv of its own (`react-plex-login/testing`) behind
 * Mock Service Worker, so nothing leaves the browser; each state is scripted on that simulator.
 */
const meta = {
  title: 'PlexLogin',
  component: PlexLogin,
  tags: ['autodocs'],
  // No `fn()` spies for the callbacks: they would clutter the snippet people copy, and one on
  // `onAuthenticated` would print the token in the Actions panel. Live sign-in shows them instead.
  args: { product: 'My Plex Dashboard' },
  // Descriptions come from the props' JSDoc; react-docgen does not read `@defaultValue`, so the
  // defaults are given here, from the library's own constants.
  argTypes: {
    product: { control: 'text' },
    pollInterval: { control: { type: 'number', min: 1000, step: 500 }, table: { defaultValue: { summary: String(POLL_INTERVAL_MS) } } },
    maxRenewals: { control: { type: 'number', min: 0, step: 1 }, table: { defaultValue: { summary: String(DEFAULT_MAX_RENEWALS) } } },
    labels: { control: 'object', table: { defaultValue: { summary: 'English', detail: 'defaultPlexLoginLabels' } } },
    // Documented, but not for tweaking here: each story decides them.
    clientIdentifier: { control: false, table: { defaultValue: { summary: 'a UUID kept in localStorage' } } },
    baseUrl: { control: false, table: { defaultValue: { summary: DEFAULT_BASE_URL } } },
    linkUrl: { control: false, table: { defaultValue: { summary: DEFAULT_LINK_URL } } },
    onAuthenticated: { control: false },
    onError: { control: false },
    onStatusChange: { control: false },
    queryClient: { control: false },
  },
  parameters: { docs: { source: { transform: withoutSimulatorOrigin } } },
  render: (args, context) => <PlexLogin {...args} baseUrl={simulatorOf(context).baseUrl} />,
} satisfies Meta<typeof PlexLogin>

export default meta

type Story = StoryObj<typeof meta>

/** A story that shows one state of `plexLoginStates`, on a simulator scripted for it. */
function stateStory(name: PlexLoginStateName): Story {
  const state: PlexLoginState = plexLoginStates[name]
  return {
    ...simulatorStory(state.simulator),
    ...(state.args && { args: state.args }),
    parameters: { plexLoginState: name, docs: { description: { story: state.description } } },
  }
}

export const Waiting = stateStory('waiting')
export const Creating = stateStory('creating')
export const Reconnecting = stateStory('reconnecting')
export const ExpiringSoon = stateStory('expiringSoon')
export const Renewed = stateStory('renewed')
export const Retrying = stateStory('retrying')
export const RateLimited = stateStory('rateLimited')
// Not `Error`, which would shadow the global in this module.
export const ErrorState: Story = { ...stateStory('error'), name: 'Error' }
export const Misconfigured = stateStory('misconfigured')
export const Expired = stateStory('expired')
export const Authenticated = stateStory('authenticated')

/**
 * A story that changes something the whole page shares (TanStack Query's `onlineManager`, the
 * clipboard) once the code shows, through `Around`, which puts it back on unmount. In the All
 * states gallery or inline on the Docs page every other widget would share the change, so the Docs
 * page shows it in an iframe of its own, with the snippet it would show from inside one.
 */
function pageWideStory(Around: (props: { children: ReactNode }) => ReactNode, description: string): Story {
  return {
    ...simulatorStory(),
    parameters: {
      docs: {
        story: { inline: false, height: '440px' },
        source: { code: '<PlexLogin\n  product="My Plex Dashboard"\n/>' },
        description: { story: description },
      },
    },
    decorators: [
      (Story) => (
        <Around>
          <Story />
        </Around>
      ),
    ],
  }
}

/** Not a row of `plexLoginStates`: there plex.tv is scripted; here the browser itself is offline. */
export const Offline: Story = pageWideStory(
  OfflineOnceCodeShows,
  'Once the code is on screen the browser goes offline (the story tells TanStack Query\'s `onlineManager`, as a window `offline` event would): the next poll waits for the connection instead of failing, the code and its countdown stay, and the status line says why nothing happens. The sign-in picks up when the connection returns; leaving the story brings it back.',
)

/** Not a row of `plexLoginStates` either: the clipboard is the page's. */
export const CopyRefused: Story = {
  name: 'Copy refused',
  ...pageWideStory(
    CopyRefusedOnceCodeShows,
    'The browser refuses to copy (`navigator.clipboard` in a frame without `clipboard-write` permission, and the old copy command too), and the story presses "Copy code" once the code shows: the widget says so in its status line, with what to do instead, and keeps the code on screen to be typed.',
  ),
}

export const AllStates: Story = {
  name: 'All states',
  ...simulatorsStory(Object.fromEntries(Object.entries(plexLoginStates).map(([name, state]) => [name, state.simulator]))),
  parameters: {
    docs: {
      description: { story: 'Every state side by side, each widget on a simulated plex.tv of its own.' },
      source: snippet('<PlexLogin\n  product="My Plex Dashboard"\n/>'),
    },
  },
  render: (args, context) => <StateGallery widget={args} plex={simulatorsOf(context)} />,
}

export const DarkMode: Story = {
  ...stateStory('waiting'),
  name: 'Dark mode',
  args: { 'data-color-scheme': 'dark' } as Story['args'],
  parameters: {
    plexLoginState: 'waiting',
    layout: 'fullscreen',
    docs: {
      description: {
        story:
          'The widget turns dark by itself under `prefers-color-scheme: dark`. An app with its own dark-mode switch passes `data-color-scheme="dark"` (or `"light"`), as this story does, so it is dark whatever the system says.',
      },
    },
  },
  decorators: [
    (Story) => (
      <div style={{ ...darkBackdrop, padding: 32, minHeight: '100vh', boxSizing: 'border-box' }}>
        <Story />
      </div>
    ),
  ],
}

export const CustomTheme: Story = {
  ...stateStory('waiting'),
  name: 'Custom theme',
  args: { style: themeStyle(customTheme) },
  parameters: {
    plexLoginState: 'waiting',
    docs: {
      description: {
        story:
          'A theme is only `--plex-login-*` custom properties: fonts, colours, radii, spacing, width and the code size, here set through `style`; a rule of your own such as `.my-app [data-plex-login] { … }` works as well.',
      },
    },
  },
}

/**
 * A translated story's render and snippet. The Controls panel cannot hold functions: an edited
 * `labels` comes back without them, so the translation's own are kept under it.
 */
function translated(labels: NonNullable<Story['args']>['labels'], name: string, props: string): Pick<Story, 'render'> & { source: ReturnType<typeof snippet> } {
  return {
    render: (args, context) => <PlexLogin {...args} labels={{ ...labels, ...args.labels }} baseUrl={simulatorOf(context).baseUrl} />,
    source: snippet(`import { ${name} } from './translations'\n\n<PlexLogin\n  product="My Plex Dashboard"\n  labels={${name}}\n${props}/>`),
  }
}
const german = translated(germanLabels, 'germanLabels', '  locale="de-DE"\n')
const arabic = translated(arabicLabels, 'arabicLabels', '  locale="ar-EG"\n  dir="rtl"\n')

export const German: Story = {
  name: 'Translated: German',
  ...simulatorStory(plexLoginStates.waiting.simulator),
  args: { labels: germanLabels, locale: 'de-DE' },
  render: german.render,
  parameters: {
    docs: {
      source: german.source,
      description: {
        story:
          '`labels` in German, about twice as long as English, with compounds no line can break: the card wraps them inside itself, the code stays on one line, and the countdown holds its place while a code is on its way, so nothing jumps when it arrives.',
      },
    },
  },
}

export const RightToLeft: Story = {
  name: 'Translated: Arabic, right to left',
  ...simulatorStory(plexLoginStates.waiting.simulator),
  args: { labels: arabicLabels, locale: 'ar-EG', dir: 'rtl' },
  render: arabic.render,
  parameters: {
    docs: {
      source: arabic.source,
      description: {
        story:
          '`dir="rtl"` mirrors the layout (the QR code moves to the left); the code itself stays left to right. `locale="ar-EG"` gives the countdown Arabic-Indic digits.',
      },
    },
  },
}

export const CustomLayout: Story = {
  name: 'Custom layout',
  ...simulatorStory(),
  parameters: {
    docs: {
      description: {
        story:
          'The `children` render prop: the app draws its own layout from what `usePlexPin` returns (the code, `qrValue` for a QR code and the link, the `secondsLeft` countdown, the status, the error, `retry` and `renew`) while the widget keeps the logic: polling, renewals, recovery and `onAuthenticated`. The root keeps its region role, its name and the card from `styles.css` (pass `unstyled` to drop the card).',
      },
      // The example itself, as an app would write it.
      source: { code: customLayoutSource.replace("from '../../src'", "from 'react-plex-login'"), language: 'tsx' },
    },
  },
  render: (args, context) => <MyPlexSignIn {...args} baseUrl={simulatorOf(context).baseUrl} />,
}

export const LiveSignIn: Story = {
  name: 'Live sign-in',
  ...simulatorStory(),
  parameters: {
    docs: {
      description: {
        story:
          'Sign in for real, against the simulator: type the code the widget shows into the phone and press Link, as a person does on plex.tv/link. The panel under the widget shows what `onAuthenticated` received, the token masked; the one below it makes plex.tv expire the code, fail for a while or answer with a Wi-Fi login page, so you can watch the widget recover.',
      },
      source: snippet(
        '<PlexLogin\n  product="My Plex Dashboard"\n  onAuthenticated={(token, pin) => {\n    // A secret: send it to your server, never to a log or a URL.\n  }}\n/>',
      ),
    },
  },
  render: (args, context) => {
    const { sim, baseUrl } = simulatorOf(context)
    return <LiveSignInDemo sim={sim} widget={{ ...args, baseUrl }} />
  },
}
