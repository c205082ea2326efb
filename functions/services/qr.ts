/**
 * A QR code as an SVG data URL (two-step sign-in enrolment, the venue's check-in code). Only the `qrcode` package's
 * encoder and SVG renderer are loaded, on first use: its PNG and terminal renderers (and pngjs behind them) stay out of
 * the Lambda bundle.
 */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const [{ create }, { render }] = await Promise.all([import('qrcode/lib/core/qrcode.js'), import('qrcode/lib/renderer/svg-tag.js')]);
  const svg = render(create(text, { errorCorrectionLevel: 'M' }), { margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
