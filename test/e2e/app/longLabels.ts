import type { PlexLoginLabels } from '../../../src'

/**
 * German words, about twice the English length, with compounds no line can break
 * ("Anmeldebestätigungscode"): what a translation does to a layout tuned on English. The layout
 * tests load the demo with `?labels=long`.
 */
export const LONG_LABELS: Partial<PlexLoginLabels> = {
  title: 'Mit Plex-Benutzerkonto anmelden und Geräteverknüpfung bestätigen',
  region: 'Mit Plex-Benutzerkonto anmelden',
  instructions: 'Öffnen Sie auf Ihrem Mobiltelefon oder Computer die Seite plex.tv/link und geben Sie dort den folgenden Anmeldebestätigungscode ein:',
  codeForScreenReaders: (code) => `Ihr Anmeldebestätigungscode lautet ${code}`,
  qrTitle: 'QR-Code, der plex.tv/link mit diesem Anmeldebestätigungscode öffnet',
  openLink: 'Verknüpfungsseite plex.tv/link öffnen',
  opensInNewTab: '(wird in einem neuen Browserfenster geöffnet)',
  copy: 'Anmeldebestätigungscode kopieren',
  copied: 'Anmeldebestätigungscode kopiert',
  expiresIn: (time) => `Gültigkeitsdauer des Anmeldebestätigungscodes: noch ${time}`,
  creating: 'Anmeldebestätigungscode wird von plex.tv angefordert…',
  waiting: 'Warten auf die Eingabe des Anmeldebestätigungscodes auf der Verknüpfungsseite…',
  expired: 'Dieser Anmeldebestätigungscode ist leider abgelaufen.',
  error: 'Die Anmeldung konnte aufgrund eines Verbindungsfehlers nicht fortgesetzt werden.',
  retry: 'Anmeldevorgang erneut versuchen',
  renew: 'Neuen Anmeldebestätigungscode anfordern',
}
