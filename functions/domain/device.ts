/**
 * "Chrome on Android" from a user agent, for the account page's list of signed-in devices. Only a label for a person
 * to recognise their own devices: nothing is decided from it.
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser =
    /Edg(e|A|iOS)?\//.test(ua) ? 'Edge'
      : /SamsungBrowser\//.test(ua) ? 'Samsung Internet'
        : /Line\//.test(ua) ? 'LINE'
          : /(Firefox|FxiOS)\//.test(ua) ? 'Firefox'
            : /(Chrome|CriOS|Chromium)\//.test(ua) ? 'Chrome'
              : /Safari\//.test(ua) && /Version\//.test(ua) ? 'Safari'
                : '';
  const system =
    /Android/.test(ua) ? 'Android'
      : /iPad/.test(ua) ? 'iPadOS'
        : /(iPhone|iPod)/.test(ua) ? 'iOS'
          : /CrOS/.test(ua) ? 'ChromeOS'
            : /Windows/.test(ua) ? 'Windows'
              : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
                : /Linux/.test(ua) ? 'Linux'
                  : '';
  if (browser && system) return `${browser} on ${system}`;
  return browser || system || 'Unknown device';
}
