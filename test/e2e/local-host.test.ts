import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

// The local host serves the API and the app from one origin. An API path that no route answers must be the API's own
// 404 — as on Lambda behind CloudFront — and not the app's page, which the API's access check would turn into a 500.
const base = () => inject('baseUrl');

describe('the local host', () => {
  it.each(['/api/codes/', '/api/no-such-thing', '/api/me/nothing-here'])('answers GET %s with 404 in the error format', async (path) => {
    const r = await fetch(`${base()}${path}`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('still serves the app for its own pages', async () => {
    const r = await fetch(`${base()}/account/confirm-email`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    get(`${base()}${path}`, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    }).on('error', fail);
  });
}

describe('the local host serves like CloudFront (compression, caching)', () => {
  const gzip = { 'accept-encoding': 'gzip, deflate, br' };
  const assetOf = async (ext: 'js' | 'css') => {
    const html = (await raw('/')).body.toString();
    const m = new RegExp(`/assets/[^"]+\\.${ext}`).exec(html);
    if (!m) throw new Error(`no ${ext} asset in index.html`);
    return m[0];
  };

  it('gzips the app shell, its hashed assets and content JSON for a browser that accepts it, and says Vary', async () => {
    // (index.html itself is under the 1 KB below which compressing does not pay.)
    for (const path of [await assetOf('js'), await assetOf('css'), '/content/sogyo-kiso/course.json', '/content/sogyo-kiso/m01-motive-concept/01-why-start.json']) {
      const plain = await raw(path);
      const packed = await raw(path, gzip);
      expect([path, packed.status, packed.headers['content-encoding']]).toEqual([path, 200, 'gzip']);
      expect(packed.headers.vary).toMatch(/accept-encoding/i);
      expect(gunzipSync(packed.body).equals(plain.body)).toBe(true);
      expect(packed.body.length).toBeLessThan(plain.body.length);
      // No Accept-Encoding, no encoding.
      expect(plain.headers['content-encoding']).toBeUndefined();
    }
  });

  it('leaves what does not compress alone: media and byte ranges', async () => {
    const video = await raw('/content/sogyo-kiso/m04-opening-procedures/media/procedures-flow.webm', gzip);
    expect(video.status).toBe(200);
    expect(video.headers['content-encoding']).toBeUndefined();
    const range = await raw('/content/index.json', { ...gzip, range: 'bytes=0-99' });
    expect([range.status, range.headers['content-encoding']]).toEqual([206, undefined]);
  });

  it('caches hashed assets for a year and revalidates the app shell and every other page', async () => {
    for (const ext of ['js', 'css'] as const) {
      expect((await raw(await assetOf(ext))).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['/', '/index.html', '/courses/sogyo-kiso/m01-motive-concept/01-why-start']) {
      const r = await raw(path);
      expect([path, r.status, r.headers['cache-control']]).toEqual([path, 200, 'no-cache']);
    }
  });
});
