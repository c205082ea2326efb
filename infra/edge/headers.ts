/**
 * The Content-Security-Policy of the web app. The app talks to its own origin (the API is /api/* behind the same
 * CloudFront) and posts business-plan attachments to the uploads bucket (`uploadOrigin`); images and videos may come
 * from https sources named in lessons.
 */
export function contentSecurityPolicy(uploadOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "media-src 'self' https:",
    `connect-src 'self' ${uploadOrigin}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** HSTS max-age: two years, the value browsers' preload lists expect. */
export const HSTS_SECONDS = 2 * 365 * 24 * 60 * 60;

/**
 * CloudFront Function (cloudfront-js-2.0) on the web app's behavior: a path whose last segment has no file extension is
 * a client-side route and gets the app shell. Done here rather than with distribution-wide error responses, which
 * would also turn the API's JSON 403/404 into index.html.
 */
export const SPA_ROUTING_FUNCTION = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;
