import { createHash, createHmac } from 'node:crypto';
import { DEFAULT_TIMEOUTS } from './db.ts';

/**
 * The uploads bucket as the API needs it: presigned POSTs for the browser, then HEAD, a peek at the first bytes, a
 * server-side copy, a delete, and presigned GETs. Requests are signed with Signature V4 and sent with fetch, so the API
 * Lambda does not carry the S3 client (the Lambda bundle's budget is 500 KB). On AWS the bucket is addressed virtual-hosted; locally, s3rver path-style.
 */
export interface Files {
  bucket: string;
  /** The bucket's base URL, without a trailing slash: `https://<bucket>.s3.<region>.amazonaws.com` or `http://127.0.0.1:<port>/<bucket>`. */
  baseUrl: string;
  region: string;
  credentials: () => Promise<Credentials>;
}

export interface Credentials { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

/** The Lambda's role credentials, from the environment the runtime sets (read per call: they are rotated with the instance). */
export const envCredentials = async (): Promise<Credentials> => ({
  accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
  ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
});

export function awsFiles(bucket: string, region: string): Files {
  return { bucket, region, baseUrl: `https://${bucket}.s3.${region}.amazonaws.com`, credentials: envCredentials };
}

/** s3rver's fixed account. */
export function localFiles(endpoint: string, bucket: string): Files {
  return { bucket, region: 'us-east-1', baseUrl: `${endpoint}/${bucket}`, credentials: async () => ({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }) };
}

// Signature Version 4, by hand with node:crypto: the SDK's signer would add ~70 KB of @smithy code to the API bundle
// (the SDK itself is provided by the Lambda runtime; its helpers are not). test/api/files.test.ts checks every
// signature made here against the SDK's own SignatureV4.
const hmac = (k: Buffer | string, d: string) => createHmac('sha256', k).update(d, 'utf8').digest();
const sha256Hex = (d: string) => createHash('sha256').update(d, 'utf8').digest('hex');
/** RFC 3986 encoding as SigV4 wants it: everything but A–Z a–z 0–9 - _ . ~ */
const uriEncode = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

function scopeOf(f: Files, date: string) {
  return `${date.slice(0, 8)}/${f.region}/s3/aws4_request`;
}
function signingKey(secret: string, f: Files, date: string) {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date.slice(0, 8)), f.region), 's3'), 'aws4_request');
}
/** The signature of a canonical request. */
function signCanonical(creds: Credentials, f: Files, date: string, canonical: string): string {
  const toSign = ['AWS4-HMAC-SHA256', date, scopeOf(f, date), sha256Hex(canonical)].join('\n');
  return createHmac('sha256', signingKey(creds.secretAccessKey, f, date)).update(toSign, 'utf8').digest('hex');
}
const canonicalQuery = (q: Record<string, string>) => Object.keys(q).sort().map((k) => `${uriEncode(k)}=${uriEncode(q[k]!)}`).join('&');

/** The URL of an object, and the request parts the signer needs. */
function target(f: Files, key: string) {
  const base = new URL(f.baseUrl);
  const path = `${base.pathname.replace(/\/$/, '')}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return { base, path, url: `${base.origin}${path}` };
}

const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export interface PresignedPost { url: string; fields: Record<string, string> }

/**
 * A browser upload form for exactly one key: the policy pins the key, the Content-Type and the size range, and expires;
 * S3 refuses anything else. `meta` become x-amz-meta-* fields, pinned too (values must be US-ASCII: encode them first).
 */
export async function presignPost(f: Files, o: { key: string; contentType: string; maxBytes: number; meta?: Record<string, string>; expiresInSeconds: number; now: Date }): Promise<PresignedPost> {
  const creds = await f.credentials();
  const date = amzDate(o.now);
  const credential = `${creds.accessKeyId}/${date.slice(0, 8)}/${f.region}/s3/aws4_request`;
  const fields: Record<string, string> = {
    key: o.key, 'Content-Type': o.contentType,
    ...Object.fromEntries(Object.entries(o.meta ?? {}).map(([k, v]) => [`x-amz-meta-${k}`, v])),
    'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': credential, 'x-amz-date': date,
    ...(creds.sessionToken ? { 'x-amz-security-token': creds.sessionToken } : {}),
  };
  const policy = {
    expiration: new Date(o.now.getTime() + o.expiresInSeconds * 1000).toISOString(),
    conditions: [{ bucket: f.bucket }, ...Object.entries(fields).map(([k, v]) => ({ [k]: v })), ['content-length-range', 1, o.maxBytes]],
  };
  const encoded = Buffer.from(JSON.stringify(policy), 'utf8').toString('base64');
  const signature = createHmac('sha256', signingKey(creds.secretAccessKey, f, date)).update(encoded, 'utf8').digest('hex');
  return { url: f.baseUrl, fields: { ...fields, Policy: encoded, 'X-Amz-Signature': signature } };
}

/** A link that downloads the object for `expiresInSeconds`, named `fileName` (RFC 6266, UTF-8) and of the stored type. */
export async function presignGet(f: Files, key: string, o: { fileName: string; expiresInSeconds: number; now: Date }): Promise<string> {
  const t = target(f, key);
  const creds = await f.credentials();
  const date = amzDate(o.now);
  const ascii = o.fileName.replace(/[^\x20-\x7E]|["\\]/g, '_');
  const query: Record<string, string> = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Credential': `${creds.accessKeyId}/${scopeOf(f, date)}`, 'X-Amz-Date': date,
    'X-Amz-Expires': String(o.expiresInSeconds), 'X-Amz-SignedHeaders': 'host',
    ...(creds.sessionToken ? { 'X-Amz-Security-Token': creds.sessionToken } : {}),
    'response-content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(o.fileName)}`,
  };
  const qs = canonicalQuery(query);
  const canonical = ['GET', t.path, qs, `host:${t.base.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  return `${t.url}?${qs}&X-Amz-Signature=${signCanonical(creds, f, date, canonical)}`;
}

/** The headers of one request to the object, signed (exported for the signature test). */
export async function signedHeaders(f: Files, method: string, key: string, extra: Record<string, string>, now: Date): Promise<Record<string, string>> {
  const t = target(f, key);
  const creds = await f.credentials();
  const date = amzDate(now);
  const headers: Record<string, string> = {
    host: t.base.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-date': date,
    ...(creds.sessionToken ? { 'x-amz-security-token': creds.sessionToken } : {}),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const names = Object.keys(headers).sort();
  const canonical = [method, t.path, '', ...names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}`), '', names.join(';'), 'UNSIGNED-PAYLOAD'].join('\n');
  const signature = signCanonical(creds, f, date, canonical);
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scopeOf(f, date)}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

/** Sends one signed request to the object. */
async function send(f: Files, method: 'HEAD' | 'GET' | 'DELETE' | 'PUT', key: string, headers: Record<string, string> = {}): Promise<Response> {
  const { host: _host, ...sent } = await signedHeaders(f, method, key, headers, new Date());
  return fetch(target(f, key).url, { method, headers: sent, signal: AbortSignal.timeout(DEFAULT_TIMEOUTS.requestMs * 4) });
}

async function failed(r: Response, what: string): Promise<never> {
  throw new Error(`S3 ${what} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
}

export interface ObjectHead { size: number; contentType: string; meta: Record<string, string> }

/** The object's size, type and metadata, or undefined when there is none (403 too: without ListBucket S3 says so for a missing key). */
export async function headObject(f: Files, key: string): Promise<ObjectHead | undefined> {
  const r = await send(f, 'HEAD', key);
  if (r.status === 404 || r.status === 403) return undefined;
  if (!r.ok) return failed(r, 'HEAD');
  const meta: Record<string, string> = {};
  r.headers.forEach((v, k) => { if (k.startsWith('x-amz-meta-')) meta[k.slice('x-amz-meta-'.length)] = v; });
  return { size: Number(r.headers.get('content-length') ?? 0), contentType: r.headers.get('content-type') ?? '', meta };
}

/** The first `n` bytes of the object (its file signature). */
export async function readStart(f: Files, key: string, n: number): Promise<Uint8Array> {
  const r = await send(f, 'GET', key, { range: `bytes=0-${n - 1}` });
  if (!r.ok) return failed(r, 'GET');
  return new Uint8Array(await r.arrayBuffer()).slice(0, n);
}

/** Copies an object inside the bucket (metadata and type go with it). */
export async function copyObject(f: Files, from: string, to: string): Promise<void> {
  const r = await send(f, 'PUT', to, { 'x-amz-copy-source': `/${f.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`, 'x-amz-metadata-directive': 'COPY' });
  if (!r.ok) return failed(r, 'copy');
  // S3 may answer 200 with an error document when a copy fails midway.
  const body = await r.text();
  if (body.includes('<Error>')) throw new Error(`S3 copy failed: ${body.slice(0, 300)}`);
}

/** Deletes an object; deleting one that is not there is not an error. */
export async function deleteObject(f: Files, key: string): Promise<void> {
  const r = await send(f, 'DELETE', key);
  if (!r.ok && r.status !== 404) return failed(r, 'DELETE');
}
