import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEFAULT_TIMEOUTS } from './db.ts';

/**
 * The uploads bucket as the API needs it: presigned POSTs for the browser, then HEAD, a peek at the first bytes, a
 * server-side copy, a delete, and presigned GETs. Requests are signed with Signature V4 (the SDK's own signer, already
 * in the bundle through the DynamoDB client) and sent with fetch, so the API Lambda does not carry the whole S3 client
 * (the Lambda bundle's budget is 500 KB). On AWS the bucket is addressed virtual-hosted; locally, s3rver path-style.
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

/** SHA-256 and HMAC-SHA-256 in the shape the signer wants, from node:crypto. */
class Sha256 {
  private readonly h;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) { this.h.update(bytes(data)); }
  async digest() { return new Uint8Array(this.h.digest()); }
}
const bytes = (d: string | ArrayBuffer | ArrayBufferView) =>
  typeof d === 'string' ? Buffer.from(d, 'utf8') : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

const signer = (f: Files) => new SignatureV4({ service: 's3', region: f.region, credentials: f.credentials, sha256: Sha256, uriEscapePath: false });

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
  const signature = await signer(f).sign(encoded, { signingDate: o.now });
  return { url: f.baseUrl, fields: { ...fields, Policy: encoded, 'X-Amz-Signature': signature } };
}

/** A link that downloads the object for `expiresInSeconds`, named `fileName` (RFC 6266, UTF-8) and of the stored type. */
export async function presignGet(f: Files, key: string, o: { fileName: string; expiresInSeconds: number; now: Date }): Promise<string> {
  const t = target(f, key);
  const ascii = o.fileName.replace(/[^\x20-\x7E]|["\\]/g, '_');
  const signed = await signer(f).presign({
    method: 'GET', protocol: t.base.protocol, hostname: t.base.hostname, ...(t.base.port ? { port: Number(t.base.port) } : {}), path: t.path,
    headers: { host: t.base.host },
    query: { 'response-content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(o.fileName)}` },
  }, { expiresIn: o.expiresInSeconds, signingDate: o.now });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(signed.query ?? {})) q.set(k, String(v));
  return `${t.url}?${q.toString().replace(/\+/g, '%20')}`;
}

/** Sends one signed request to the object. */
async function send(f: Files, method: 'HEAD' | 'GET' | 'DELETE' | 'PUT', key: string, headers: Record<string, string> = {}): Promise<Response> {
  const t = target(f, key);
  const signed = await signer(f).sign({
    method, protocol: t.base.protocol, hostname: t.base.hostname, ...(t.base.port ? { port: Number(t.base.port) } : {}), path: t.path,
    headers: { host: t.base.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers }, query: {},
  });
  const { host: _host, ...sent } = signed.headers;
  return fetch(t.url, { method, headers: sent, signal: AbortSignal.timeout(DEFAULT_TIMEOUTS.requestMs * 4) });
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
