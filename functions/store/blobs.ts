import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, PutBucketCorsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { DEFAULT_TIMEOUTS, guardClient } from './db.ts';

export interface Blobs { s3: S3Client; buckets: { content: string; uploads: string } }

/**
 * One S3 client. Against s3rver the checksum and path-style settings are required (s3rver otherwise stores the
 * aws-chunked framing inside objects); real S3 keeps the SDK defaults.
 */
export function createBlobs(o: { endpoint?: string; region?: string; buckets: Blobs['buckets'] }): Blobs {
  const local = o.endpoint
    ? {
      endpoint: o.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const,
    }
    : {};
  const s3 = new S3Client({
    region: o.region ?? process.env.AWS_REGION ?? 'ap-northeast-3', maxAttempts: DEFAULT_TIMEOUTS.attempts,
    requestHandler: { connectionTimeout: DEFAULT_TIMEOUTS.connectMs, requestTimeout: DEFAULT_TIMEOUTS.requestMs * 4, throwOnRequestTimeout: true }, ...local,
  });
  guardClient(s3 as never, 'S3');
  return { s3, buckets: o.buckets };
}

export async function ensureBuckets(b: Blobs): Promise<void> {
  for (const Bucket of Object.values(b.buckets)) {
    try {
      await b.s3.send(new HeadBucketCommand({ Bucket }));
    } catch {
      // Two processes may make the same bucket at once (test files sharing one S3 server): theirs is as good as ours.
      try { await b.s3.send(new CreateBucketCommand({ Bucket })); } catch (e) {
        if (!['BucketAlreadyExists', 'BucketAlreadyOwnedByYou'].includes((e as { name?: string }).name ?? '')) throw e;
      }
    }
  }
}

/** Lets pages of these origins post forms to the uploads bucket (the local twin of the bucket's CORS rule in infra/). */
export async function allowBrowserUploads(b: Blobs, origins: string[]): Promise<void> {
  await b.s3.send(new PutBucketCorsCommand({ Bucket: b.buckets.uploads, CORSConfiguration: { CORSRules: [
    { AllowedOrigins: origins, AllowedMethods: ['POST'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 },
  ] } }));
}

export async function putObject(b: Blobs, bucket: string, key: string, body: Uint8Array | string, contentType: string): Promise<void> {
  await b.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
}

export interface BlobObject {
  body: Uint8Array;
  contentType: string;
  etag?: string;
  /** Set when a byte range was asked for: `bytes <start>-<end>/<size>`. */
  contentRange?: string;
}

/**
 * The object's bytes and type, or undefined when there is no such key. `range` is an HTTP Range header value
 * (`bytes=0-1023`), passed on as is so that video players can seek; an unsatisfiable range answers 'invalid_range'.
 */
export async function getObject(b: Blobs, bucket: string, key: string, range?: string): Promise<BlobObject | 'invalid_range' | undefined> {
  try {
    const r = await b.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(range ? { Range: range } : {}) }));
    return {
      body: await r.Body!.transformToByteArray(), contentType: r.ContentType ?? 'application/octet-stream',
      ...(r.ETag ? { etag: r.ETag } : {}), ...(range && r.ContentRange ? { contentRange: r.ContentRange } : {}),
    };
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
    if (name === 'InvalidRange') return 'invalid_range';
    throw e;
  }
}
