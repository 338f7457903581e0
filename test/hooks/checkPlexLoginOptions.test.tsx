import { QRCodeSVG } from 'qrcode.react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { buildQrValue, checkPlexLoginOptions, MAX_QR_VALUE_LENGTH } from '../../src/hooks/checkPlexLoginOptions'

describe('checkPlexLoginOptions', () => {
  it('takes a linkUrl whose QR address is exactly as long as a QR code holds, and refuses one character more', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const base = 'https://my.app/link?state='
    const fits = `${base}${'a'.repeat(MAX_QR_VALUE_LENGTH - buildQrValue(base, 'CODE').length)}`
    expect(buildQrValue(fits, 'CODE')).toHaveLength(MAX_QR_VALUE_LENGTH)
    expect(checkPlexLoginOptions({ product: 'App', linkUrl: fits }).configError).toBeNull()
    expect(checkPlexLoginOptions({ product: 'App', linkUrl: `${fits}a` }).configError?.message).toMatch(/too long for a QR code/)
  })

  // The limit above is the widget's own constant; this pins it to the encoder the widget draws
  // with. Set 2400, the boundary test above still passed and a 2,390-character address crashed the
  // render with "Data too long" (a test-quality probe).
  it('is exactly what qrcode.react draws at level M: the longest accepted value draws, one more does not', () => {
    const draw = (length: number) => () => renderToStaticMarkup(<QRCodeSVG value={'a'.repeat(length)} level="M" />)
    expect(draw(MAX_QR_VALUE_LENGTH)).not.toThrow()
    expect(draw(MAX_QR_VALUE_LENGTH + 1)).toThrow(/too long/i)
  })

  it('reports the first unusable option (product before baseUrl), the one to fix first', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(checkPlexLoginOptions({ product: '', baseUrl: 'ftp://plex.tv' }).configError?.message).toMatch(/product is required/)
  })
})
