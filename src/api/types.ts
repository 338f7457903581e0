/** Geo data plex.tv attaches to a PIN. Every field is optional: plex.tv omits what it does not know. */
export interface PlexPinLocation {
  code?: string
  european_union_member?: boolean
  continent_code?: string
  country?: string
  city?: string
  time_zone?: string
  postal_code?: string
  in_privacy_restricted_country?: boolean
  in_privacy_restricted_region?: boolean
  subdivisions?: string
  coordinates?: string
}

/** A PIN as plex.tv describes it (`POST /api/v2/pins`, `GET /api/v2/pins/{id}`), validated. */
export interface PlexPin {
  /** The PIN's id, used in the poll URL. A positive integer. */
  id: number
  /** 4 uppercase letters/digits for a link PIN, 25 lowercase characters for a strong PIN. */
  code: string
  /** Whether this is a strong (OAuth page) PIN. Derived from the code's shape. */
  strong: boolean
  product: string | null
  trusted: boolean
  /** URL of a PNG QR code hosted by plex.tv. The widget draws its own QR instead. */
  qr: string | null
  clientIdentifier: string | null
  location: PlexPinLocation | null
  /** Seconds the PIN has left, counted from the moment the answer arrived. */
  expiresIn: number
  createdAt: string | null
  expiresAt: string | null
  /** The user's Plex token once someone has linked the PIN; `null` until then. A secret. */
  authToken: string | null
  /** Local time (`Date.now()`) at which the answer arrived; `expiresIn` counts from here. */
  receivedAt: number
}

/** A PIN with its token removed: what the hook exposes and hands to callbacks. */
export type PlexPinInfo = Omit<PlexPin, 'authToken'>

/** The account `GET /api/v2/user` returns for a valid token (the fields the widget relies on). */
export interface PlexUser {
  id: number
  uuid: string | null
  username: string | null
  title: string | null
  email: string | null
  thumb: string | null
}

/** The X-Plex-* values that identify the app to plex.tv. */
export interface PlexDeviceInfo {
  /** The app's name, shown in plex.tv's "Authorized Devices" list (`X-Plex-Product`). */
  product: string
  /** `X-Plex-Version`. */
  version?: string
  /** `X-Plex-Platform`, e.g. `Chrome`. */
  platform?: string
  /** `X-Plex-Platform-Version`. */
  platformVersion?: string
  /** `X-Plex-Device`, e.g. `Windows`. */
  device?: string
  /** `X-Plex-Device-Name`. */
  deviceName?: string
  /** `X-Plex-Model`. */
  model?: string
  /** `X-Plex-Language`, e.g. `en`. */
  language?: string
}

export interface PlexClientOptions extends PlexDeviceInfo {
  /**
   * Origin of the plex.tv API; point it at the simulator in tests.
   * @defaultValue `'https://plex.tv'`
   */
  baseUrl?: string
  /**
   * A stable id for this install (`X-Plex-Client-Identifier`). The PIN is bound to it.
   * @defaultValue {@link getClientIdentifier}'s value, kept in localStorage
   */
  clientIdentifier?: string
  /** A `fetch` to use instead of the global one (custom transports, tests). */
  fetch?: typeof fetch
}

export interface RequestOptions {
  /** Aborts the request. */
  signal?: AbortSignal
}

export interface CreatePinOptions extends RequestOptions {
  /**
   * `true` asks for a 25-character code for the app.plex.tv sign-in page; `false` for the
   * 4-character code a person types at plex.tv/link.
   * @defaultValue `false`
   */
  strong?: boolean
}

export interface PlexClient {
  /** The settings this client was made with, after defaults. */
  readonly baseUrl: string
  readonly clientIdentifier: string
  readonly product: string
  /** Creates a PIN (`POST /api/v2/pins`). */
  createPin(options?: CreatePinOptions): Promise<PlexPin>
  /** Reads a PIN (`GET /api/v2/pins/{id}`); rejects with kind `expired` once it is gone. */
  getPin(id: number, options?: RequestOptions): Promise<PlexPin>
  /** Reads the account of a token (`GET /api/v2/user`). The token travels as a header, never in the URL. */
  getUser(token: string, options?: RequestOptions): Promise<PlexUser>
}
