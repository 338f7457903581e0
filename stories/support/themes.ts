import type { CSSProperties } from 'react'

/** `--plex-login-*` custom properties, as a `style` for the widget's root. */
export type PlexLoginTheme = Record<`--plex-login-${string}`, string>

/** Custom properties are not in React's `CSSProperties`; their values are plain strings. */
export function themeStyle(theme: PlexLoginTheme): CSSProperties {
  return theme as CSSProperties
}

/**
 * The palette styles.css uses under `prefers-color-scheme: dark`, set directly so the story is
 * dark whatever the visitor's system says. An app with its own dark-mode switch does the same.
 * The story tests check it against styles.css.
 */
export const darkPalette: PlexLoginTheme = {
  '--plex-login-bg': '#161b22',
  '--plex-login-fg': '#e6edf3',
  '--plex-login-muted': '#9198a1',
  '--plex-login-border': '#3d444d',
  '--plex-login-code-bg': '#0d1117',
  '--plex-login-danger': '#ff7b72',
  '--plex-login-focus': '#4493f8',
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
