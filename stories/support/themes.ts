import type { CSSProperties } from 'react'

/** `--plex-login-*` custom properties, as a `style` for the widget's root. */
export type PlexLoginTheme = Record<`--plex-login-${string}`, string>

/** Custom properties are not in React's `CSSProperties`; their values are plain strings. */
export function themeStyle(theme: PlexLoginTheme): CSSProperties {
  return theme as CSSProperties
}

/** Page colours around the dark widget. */
export const darkBackdrop: CSSProperties = { background: '#0d1117', color: '#e6edf3', colorScheme: 'dark' }

/** A theme that moves most knobs: fonts, colours, radii, sizes. */
export const customTheme: PlexLoginTheme = {
  '--plex-login-font': "Georgia, 'Iowan Old Style', 'Times New Roman', serif",
  '--plex-login-code-font': "'Courier New', Courier, monospace",
  '--plex-login-bg': '#1b1230',
  '--plex-login-fg': '#f4efff',
  '--plex-login-muted': '#cbbfe8',
  '--plex-login-border': '#4b3a75',
  '--plex-login-accent': '#ffb703',
  '--plex-login-accent-fg': '#1b1230',
  '--plex-login-danger': '#ff9eb0',
  '--plex-login-focus': '#8ecae6',
  '--plex-login-code-bg': '#2d1f4f',
  '--plex-login-qr-fg': '#1b1230',
  '--plex-login-qr-bg': '#fff8e7',
  '--plex-login-radius': '28px',
  '--plex-login-button-radius': '999px',
  '--plex-login-gap': '20px',
  '--plex-login-padding': '32px',
  '--plex-login-width': '600px',
  '--plex-login-code-size': '3rem',
  '--plex-login-code-spacing': '0.5em',
}
