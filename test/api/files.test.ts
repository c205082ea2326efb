import { createHash, createHmac, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createBlobs, ensureBuckets } from '../../functions/store/blobs.ts';
import { SignatureV4 } from '@smithy/signature-v4';
import { copyObject, deleteObject, headObject, localFiles, presignGet, presignPost, readStart, signedHeaders, type Files } from '../../functions/store/files.ts';

// The uploads bucket's small signed client (functions/store/files.ts) against the local S3 server: what the browser's
// form post does, and what the API does after it.
let files: Files;
beforeAll(async () => {
  const bucket = `t-${randomBytes(6).toString('hex')}`;
  await ensureBuckets(createBlobs({ endpoint: inject('s3Endpoint'), buckets: { content: bucket, uploads: bucket } }));
  files = localFiles(inject('s3Endpoint'), bucket);
});

async function upload(post: { url: string; fields: Record<string, string> }, body: Uint8Array, type: string) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(post.fields)) fd.append(k, v);
  fd.append('file', new Blob([body as Uint8Array<ArrayBuffer>], { type }), 'x.pdf');
  return fetch(post.url, { method: 'POST', body: fd });
}

describe('the uploads bucket client', () => {
  it('a presigned POST pins key, type, metadata and size in its policy, signed for the day and region', async () => {
    const now = new Date('2026-12-04T03:00:00Z');
    const p = await presignPost(files, { key: 'incoming/a/b', contentType: 'application/pdf', maxBytes: 1000, meta: { name: 'x%20y.pdf' }, expiresInSeconds: 600, now });
    const policy = JSON.parse(Buffer.from(p.fields.Policy!, 'base64').toString('utf8'));
    expect(policy.expiration).toBe('2026-12-04T03:10:00.000Z');
    expect(policy.conditions).toEqual(expect.arrayContaining([
      { bucket: files.bucket }, { key: 'incoming/a/b' }, { 'Content-Type': 'application/pdf' }, { 'x-amz-meta-name': 'x%20y.pdf' },
      ['content-length-range', 1, 1000], { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' }, { 'x-amz-credential': 'S3RVER/20261204/us-east-1/s3/aws4_request' },
      { 'x-amz-date': '20261204T030000Z' },
    ]));
    expect(p.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the signature is the Signature V4 HMAC chain over the base64 policy (computed here independently)', async () => {
    // "Authenticating Requests: Browser-Based Uploads Using POST (AWS Signature Version 4)": the signing key is
    // HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), "s3"), "aws4_request"); the signature its HMAC of the policy.
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const f: Files = { bucket: 'sigv4examplebucket', region: 'us-east-1', baseUrl: 'https://sigv4examplebucket.s3.amazonaws.com', credentials: async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret, sessionToken: 'TOKEN' }) };
    const p = await presignPost(f, { key: 'k', contentType: 'application/pdf', maxBytes: 10, expiresInSeconds: 60, now: new Date('2015-12-29T00:00:00Z') });
    const h = (k: Buffer | string, d: string) => createHmac('sha256', k).update(d).digest();
    const key = h(h(h(h(`AWS4${secret}`, '20151229'), 'us-east-1'), 's3'), 'aws4_request');
    expect(p.fields['X-Amz-Signature']).toBe(createHmac('sha256', key).update(p.fields.Policy!).digest('hex'));
    expect(p.fields['x-amz-credential']).toBe('AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request');
    // A role's session token is a field, and pinned by the policy like every other field.
    expect(p.fields['x-amz-security-token']).toBe('TOKEN');
    expect(JSON.parse(Buffer.from(p.fields.Policy!, 'base64').toString()).conditions).toContainEqual({ 'x-amz-security-token': 'TOKEN' });
  });

  // s3rver does not check V4 signatures, so the hand-made ones are checked against the SDK's own signer (a test-only
  // dependency: the API bundle signs with node:crypto, see functions/store/files.ts).
  it('signs presigned GETs and requests exactly as the SDK’s SignatureV4 does, session token included', async () => {
    const buf = (d: string | ArrayBuffer | ArrayBufferView) => (typeof d === 'string' ? Buffer.from(d) : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d));
    class Sha256 {
      private h;
      constructor(k?: string | ArrayBuffer | ArrayBufferView) { this.h = k === undefined ? createHash('sha256') : createHmac('sha256', buf(k)); }
      update(d: string | ArrayBuffer | ArrayBufferView) { this.h.update(buf(d)); }
      async digest() { return new Uint8Array(this.h.digest()); }
    }
    const f: Files = { bucket: 'b', region: 'ap-northeast-3', baseUrl: 'https://b.s3.ap-northeast-3.amazonaws.com', credentials: async () => ({ accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN' }) };
    const sdk = new SignatureV4({ service: 's3', region: f.region, credentials: await f.credentials(), sha256: Sha256, uriEscapePath: false });
    const now = new Date('2026-12-04T03:04:05Z');
    const key = 'plans/271004/u_founder01/abcdefghijklmnop';
    const url = new URL(await presignGet(f, key, { fileName: '見積書 "第1版".pdf', expiresInSeconds: 60, now }));
    const unsigned = { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    const want = await sdk.presign(
      { method: 'GET', protocol: 'https:', hostname: url.hostname, path: url.pathname, headers: { host: url.host, ...unsigned }, query: { 'response-content-disposition': url.searchParams.get('response-content-disposition')! } },
      { expiresIn: 60, signingDate: now, unhoistableHeaders: new Set(Object.keys(unsigned)), unsignableHeaders: new Set(Object.keys(unsigned)) },
    );
    expect(url.searchParams.get('X-Amz-Signature')).toBe(want.query?.['X-Amz-Signature']);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('TOKEN');
    for (const [method, extra] of [['HEAD', {}], ['GET', { range: 'bytes=0-15' }], ['PUT', { 'x-amz-copy-source': '/b/incoming/a%20b', 'x-amz-metadata-directive': 'COPY' }], ['DELETE', {}]] as const) {
      const mine = await signedHeaders(f, method, key, extra, now);
      const theirs = await sdk.sign({ method, protocol: 'https:', hostname: url.hostname, path: url.pathname, headers: { host: url.host, ...unsigned, ...extra }, query: {} }, { signingDate: now });
      expect(mine.authorization, method).toBe(theirs.headers.authorization);
    }
  });

  it('upload by form, then HEAD, first bytes, copy, presigned GET and delete', async () => {
    const key = `incoming/${randomBytes(8).toString('hex')}`;
    const body = new TextEncoder().encode('%PDF-1.7\n% a tiny pdf\n');
    const post = await presignPost(files, { key, contentType: 'application/pdf', maxBytes: 1000, meta: { name: encodeURIComponent('事業計画.pdf') }, expiresInSeconds: 600, now: new Date() });
    const r = await upload(post, body, 'application/pdf');
    expect(r.status).toBeLessThan(300);
    const head = await headObject(files, key);
    expect(head).toMatchObject({ size: body.length, contentType: 'application/pdf', meta: { name: encodeURIComponent('事業計画.pdf') } });
    expect(new TextDecoder().decode(await readStart(files, key, 5))).toBe('%PDF-');
    await copyObject(files, key, `plans/${key}`);
    expect(await headObject(files, `plans/${key}`)).toMatchObject({ size: body.length, contentType: 'application/pdf' });
    const url = await presignGet(files, `plans/${key}`, { fileName: '事業計画 "v2".pdf', expiresInSeconds: 60, now: new Date() });
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(body);
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('事業計画 "v2".pdf')}`);
    await deleteObject(files, key);
    await deleteObject(files, `plans/${key}`);
    expect(await headObject(files, key)).toBeUndefined();
    await deleteObject(files, key); // deleting again is no error
  });

  // s3rver checks a presigned URL's expiry but not its V4 signature; the signature is the SDK's own SignatureV4.presign.
  it('a presigned GET is scoped to the region, signs only the host, and stops working when it expires', async () => {
    const key = `incoming/${randomBytes(8).toString('hex')}`;
    await upload(await presignPost(files, { key, contentType: 'image/png', maxBytes: 100, expiresInSeconds: 600, now: new Date() }), new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    const old = await presignGet(files, key, { fileName: 'a.png', expiresInSeconds: 60, now: new Date(Date.now() - 120_000) });
    expect((await fetch(old)).status).toBe(403);
    const good = await presignGet(files, key, { fileName: 'a.png', expiresInSeconds: 60, now: new Date() });
    const q = new URL(good).searchParams;
    expect(q.get('X-Amz-Credential')).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect([q.get('X-Amz-Expires'), q.get('X-Amz-SignedHeaders'), q.get('X-Amz-Algorithm')]).toEqual(['60', 'host', 'AWS4-HMAC-SHA256']);
    expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(good)).status).toBe(200);
  });
});
