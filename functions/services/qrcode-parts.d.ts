// The two parts of the `qrcode` package that services/qr.ts loads (the package's own types cover only its entry).
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(text: string, options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): unknown;
}
declare module 'qrcode/lib/renderer/svg-tag.js' {
  export function render(qr: unknown, options: { margin: number }): string;
}
