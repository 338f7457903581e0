import { isPlexApiError, type PlexApiErrorKind, type PlexLoginLabels } from '../../src'

/**
 * `describeError` translated the way the README says: by the failure's `kind`. A mistake in the
 * options (a `TypeError`, no `kind`) is for the developer and keeps its English message.
 */
function describeByKind(words: Record<PlexApiErrorKind, string>): PlexLoginLabels['describeError'] {
  return (error) => (isPlexApiError(error) ? words[error.kind] : error.message)
}

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
  renewed: 'Der vorherige Anmeldebestätigungscode ist abgelaufen, deshalb erhalten Sie hier einen neuen.',
  retrying: (reason) => `Verbindung zu plex.tv wird wiederhergestellt… ${reason}`,
  offline: 'Sie sind offline. Die Anmeldung wird fortgesetzt, sobald die Verbindung wiederhergestellt ist.',
  authenticated: 'Erfolgreich mit Ihrem Plex-Benutzerkonto angemeldet.',
  copyFailed: 'Der Anmeldebestätigungscode konnte nicht kopiert werden. Markieren und kopieren Sie ihn bitte von Hand.',
  error: 'Die Anmeldung konnte aufgrund eines Verbindungsfehlers nicht fortgesetzt werden.',
  describeError: describeByKind({
    network: 'plex.tv ist nicht erreichbar. Prüfen Sie die Internetverbindung und versuchen Sie es erneut.',
    http: 'plex.tv hat die Anfrage abgelehnt oder hat gerade Probleme. Versuchen Sie es bitte erneut.',
    expired: 'Dieser Anmeldebestätigungscode ist abgelaufen. Fordern Sie einen neuen an.',
    'rate-limited': 'plex.tv bittet um eine kurze Pause. Die Anmeldung wird gleich automatisch fortgesetzt.',
    'invalid-response': 'Die Antwort von plex.tv war unbrauchbar; ein Proxy oder eine Anmeldeseite im WLAN könnte dazwischenstehen. Versuchen Sie es erneut.',
    'missing-client-identifier': 'plex.tv hat die Gerätekennung der App nicht erhalten. Prüfen Sie die Plex-Einstellungen der App.',
    unauthorized: 'plex.tv hat die Anmeldung nicht akzeptiert. Versuchen Sie es erneut.',
  }),
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
  describeError: describeByKind({
    network: 'تعذر الوصول إلى plex.tv. تحقق من الاتصال وحاول مرة أخرى.',
    http: 'رفض plex.tv الطلب أو يواجه مشكلة حاليًا. حاول مرة أخرى.',
    expired: 'انتهت صلاحية هذا الرمز. احصل على رمز جديد.',
    'rate-limited': 'طلب plex.tv التمهل قليلًا. سيستمر تسجيل الدخول تلقائيًا.',
    'invalid-response': 'تعذر استخدام رد plex.tv؛ قد يكون هناك وكيل أو صفحة دخول للشبكة في الطريق. حاول مرة أخرى.',
    'missing-client-identifier': 'لم يتلقَّ plex.tv معرّف التطبيق. تحقق من إعدادات Plex في التطبيق.',
    unauthorized: 'لم يقبل plex.tv تسجيل الدخول. حاول مرة أخرى.',
  }),
  retry: 'حاول مرة أخرى',
  renew: 'احصل على رمز جديد',
}
