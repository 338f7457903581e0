/** Geo data plex.tv attaches to a PIN. Every field is optional: plex.tv omits what it does not know. */
export interface PlexPinLocation {
  /** Country code, e.g. `'NL'`. */
  code?: string
  /** Whether the country is in the European Union. */
  european_union_member?: boolean
  /** Continent code, e.g. `'EU'`. */
  continent_code?: string
  /** Country name, e.g. `'Netherlands'`. */
  country?: string
  /** City name. */
  city?: string
  /** IANA time zone, e.g. `'Europe/Amsterdam'`. */
  time_zone?: string
  /** Postal code, as text. */
  postal_code?: string
  /** Whether privacy law restricts what plex.tv may do with the data in this country. */
  in_privacy_restricted_country?: boolean
  /** Whether privacy law restricts it in this region. */
  in_privacy_restricted_region?: boolean
  /** Region within the country, e.g. `'North Brabant'`. */
  subdivisions?: string
  /** Latitude and longitude as text, e.g. `'51.5869, 4.7471'`. */
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
  /** Echo of `X-Plex-Product`: the app's name as plex.tv recorded it. */
  product: string | null
  /** plex.tv's own flag; `false` for PINs created by apps. */
  trusted: boolean
  /** URL of a PNG QR code hosted by plex.tv. The widget draws its own QR instead. */
  qr: string | null
  /** Echo of `X-Plex-Client-Identifier`; the PIN is bound to it. */
  clientIdentifier: string | null
  /** Geo data of the requester, when plex.tv sent it. */
  location: PlexPinLocation | null
  /** Seconds the PIN has left, counted from the moment the answer arrived. */
  expiresIn: number
  /** ISO-8601 time of creation, on plex.tv's clock. */
  createdAt: string | null
  /** ISO-8601 expiry on plex.tv's clock; compare `expiresIn` instead, clocks drift. */
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
  /** The account's numeric id. */
  id: number
  /** The account's stable UUID. */
  uuid: string | null
  /** Login name. */
  username: string | null
  /** Display name (what Plex shows); may equal `username`. */
  title: string | null
  /** The account's e-mail address. */
  email: string | null
  /** URL of the avatar. */
  thumb: string | null
}

/** The X-Plex-* values that identify the app to plex.tv. */
export interface PlexDeviceInfo {
  /** The app's name, shown in plex.tv's "Authorized Devices" list (`X-Plex-Product`). */
  product: string
  /** `X-Plex-Version`. */
  version?: string | undefined
  /** `X-Plex-Platform`, e.g. `Chrome`. */
  platform?: string | undefined
  /** `X-Plex-Platform-Version`. */
  platformVersion?: string | undefined
  /** `X-Plex-Device`, e.g. `Windows`. */
  device?: string | undefined
  /** `X-Plex-Device-Name`. */
  deviceName?: string | undefined
  /** `X-Plex-Model`. */
  model?: string | undefined
  /** `X-Plex-Language`, e.g. `en`. */
  language?: string | undefined
}

/** Options of `createPlexClient()`: who is asking (the X-Plex-* values) and where. */
export interface PlexClientOptions extends PlexDeviceInfo {
  /**
   * Origin of the plex.tv API; point it at the simulator in tests.
   * @defaultValue `'https://plex.tv'`
   */
  baseUrl?: string | undefined
  /**
   * A stable id for this install (`X-Plex-Client-Identifier`). The PIN is bound to it, so a server
   * whose PINs may be polled by another process or instance passes one it keeps.
   * @defaultValue {@link getClientIdentifier}'s value, kept in localStorage (on a server, in
   * memory for the life of the process)
   */
  clientIdentifier?: string | undefined
  /** A `fetch` to use instead of the global one (custom transports, tests); called with a URL string. */
  fetch?: ((url: string, init: RequestInit) => Promise<Response>) | undefined
}

/** Options every client call takes. */
export interface RequestOptions {
  /** Aborts the request. */
  signal?: AbortSignal | undefined
}

/** Options of {@link PlexClient.createPin}. */
export interface CreatePinOptions extends RequestOptions {
  /**
   * `true` asks for a 25-character code for the app.plex.tv sign-in page; `false` for the
   * 4-character code a person types at plex.tv/link.
   * @defaultValue `false`
   */
  strong?: boolean | undefined
}

/** A typed plex.tv client, from `createPlexClient()`: the PIN calls and the account check. */
export interface PlexClient {
  /** The API origin this client talks to, after defaults. */
  readonly baseUrl: string
  /** The `X-Plex-Client-Identifier` it sends. */
  readonly clientIdentifier: string
  /** The `X-Plex-Product` it sends. */
  readonly product: string
  /** Creates a PIN (`POST /api/v2/pins`). */
  createPin(options?: CreatePinOptions): Promise<PlexPin>
  /** Reads a PIN (`GET /api/v2/pins/{id}`); rejects with kind `expired` once it is gone. */
  getPin(id: number, options?: RequestOptions): Promise<PlexPin>
  /** Reads the account of a token (`GET /api/v2/user`). The token travels as a header, never in the URL. */
  getUser(token: string, options?: RequestOptions): Promise<PlexUser>
}
