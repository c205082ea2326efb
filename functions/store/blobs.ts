import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

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
  return { s3: new S3Client({ region: o.region ?? process.env.AWS_REGION ?? 'ap-northeast-3', ...local }), buckets: o.buckets };
}

export async function ensureBuckets(b: Blobs): Promise<void> {
  for (const Bucket of Object.values(b.buckets)) {
    try {
      await b.s3.send(new HeadBucketCommand({ Bucket }));
    } catch {
      await b.s3.send(new CreateBucketCommand({ Bucket }));
    }
  }
}

export async function putObject(b: Blobs, bucket: string, key: string, body: Uint8Array | string, contentType: string): Promise<void> {
  await b.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
}

/** The object's bytes and type, or undefined when there is no such key. */
export async function getObject(b: Blobs, bucket: string, key: string): Promise<{ body: Uint8Array; contentType: string; etag?: string } | undefined> {
  try {
    const r = await b.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: await r.Body!.transformToByteArray(), contentType: r.ContentType ?? 'application/octet-stream', ...(r.ETag ? { etag: r.ETag } : {}) };
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
    throw e;
  }
}
