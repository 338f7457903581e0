import type { PlexLoginLabels } from '../../src'

/**
 * German, about twice the English length, with compounds no line can break
 * ("Anmeldebestätigungscode"): what a translation does to a layout tuned on English. Also what the
 * layout tests load (`?labels=long` in the e2e demo).
 */
export const germanLabels: Partial<PlexLoginLabels> = {
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

/** Arabic, for a right-to-left page (`dir="rtl"`, `locale="ar-EG"` for Arabic-Indic digits). */
export const arabicLabels: Partial<PlexLoginLabels> = {
  title: 'تسجيل الدخول باستخدام Plex',
  region: 'تسجيل الدخول باستخدام Plex',
  instructions: 'على هاتفك أو حاسوبك، انتقل إلى plex.tv/link وأدخل هذا الرمز:',
  codeForScreenReaders: (code) => `رمزك هو ${code}`,
  qrTitle: 'رمز QR يفتح plex.tv/link مع هذا الرمز',
  openLink: 'افتح plex.tv/link',
  opensInNewTab: '(يفتح في علامة تبويب جديدة)',
  copy: 'نسخ الرمز',
  copied: 'تم النسخ',
  copyFailed: 'تعذر نسخ الرمز. حدده وانسخه يدويًا.',
  expiresIn: (time) => `تنتهي صلاحية الرمز خلال ${time}`,
  creating: 'جارٍ الحصول على رمز من plex.tv…',
  waiting: 'في انتظار إدخال الرمز…',
  renewed: 'انتهت صلاحية الرمز السابق، وهذا رمز جديد.',
  retrying: (reason) => `جارٍ إعادة الاتصال بـ plex.tv… ${reason}`,
  offline: 'أنت غير متصل. سيستمر تسجيل الدخول عند عودة الاتصال.',
  authenticated: 'تم تسجيل الدخول باستخدام Plex.',
  expired: 'انتهت صلاحية هذا الرمز.',
  error: 'تعذر متابعة تسجيل الدخول.',
  retry: 'حاول مرة أخرى',
  renew: 'احصل على رمز جديد',
}
