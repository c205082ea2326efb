import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every Lambda bundle is built: the single source for CDK's NodejsFunction (`lambdaBundling`) and for anyone who
 * needs the same file outside CDK (`buildLambdaBundle`: the bundle test and `npm run bench`).
 */
export const LAMBDA_BUNDLE = {
  /** Must match the function runtime (NODEJS_24_X); a test checks it. */
  target: 'node24',
  platform: 'node',
  format: 'esm',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  /**
   * The DynamoDB SDK is bundled (tree-shaken, one file to read and compile); SES, loaded only at the first mail, comes
   * from the runtime's SDK v3. Chosen by measurement: `npm run bench` compares the packagings (docs/architecture.md,
   * "Cold start").
   */
  external: ['@aws-sdk/client-sesv2'],
  /** Japanese text stays as UTF-8 instead of \uXXXX escapes (about a third of the bytes). */
  charset: 'utf8',
  /** CommonJS dependencies call require(); an ESM bundle has none unless we make one. */
  banner: "import{createRequire as __sogyoCreateRequire}from'node:module';const require=__sogyoCreateRequire(import.meta.url);",
  /** NodejsFunction names an ESM bundle index.mjs; the handler is then `index.handler`. */
  outfile: 'index.mjs',
} as const;

/** Where the server catalog lands inside the bundle, and so under /var/task on Lambda. */
export const CATALOG_IN_BUNDLE = 'catalog/server.json';
export const CATALOG_FILE_ON_LAMBDA = `/var/task/${CATALOG_IN_BUNDLE}`;

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** NodejsFunction bundling options derived from LAMBDA_BUNDLE; the catalog is copied in after esbuild runs. */
export function lambdaBundling(catalogFile: string): BundlingOptions {
  const b = LAMBDA_BUNDLE;
  return {
    target: b.target,
    format: OutputFormat.ESM,
    minify: b.minify,
    sourceMap: b.sourcemap,
    mainFields: [...b.mainFields],
    externalModules: [...b.external],
    banner: b.banner,
    // NodejsFunction's own `charset` prop is not passed to esbuild by aws-cdk-lib 2.276, so it goes as a raw argument.
    esbuildArgs: { '--charset': b.charset },
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir: string, outputDir: string) => {
        const target = join(outputDir, CATALOG_IN_BUNDLE);
        return [`mkdir -p ${shellQuote(dirname(target))} && cp ${shellQuote(catalogFile)} ${shellQuote(target)}`];
      },
    },
  };
}

export interface BuildLambdaBundleOptions {
  /** The entry file, e.g. `<root>/functions/entry/lambda-api.ts`. */
  entry: string;
  /** An empty directory: receives index.mjs and catalog/server.json, as the Lambda asset does. */
  outdir: string;
  catalogFile: string;
  /** Repository root; esbuild runs there, as under CDK. */
  root: string;
  /**
   * Only for the bench's comparison: `[]` bundles the AWS SDK into the file instead of using the runtime's copy.
   * CDK always builds with LAMBDA_BUNDLE.external.
   */
  external?: string[];
}

/**
 * Builds a Lambda bundle with exactly the options CDK uses (the infra test compares the bytes with the synthesized
 * asset). Returns the bundle path and its size.
 */
export async function buildLambdaBundle(o: BuildLambdaBundleOptions): Promise<{ file: string; bytes: number }> {
  const { build } = await import('esbuild');
  const b = LAMBDA_BUNDLE;
  const file = join(o.outdir, b.outfile);
  await build({
    entryPoints: [o.entry],
    bundle: true,
    outfile: file,
    absWorkingDir: o.root,
    platform: b.platform,
    target: b.target,
    format: b.format,
    minify: b.minify,
    sourcemap: b.sourcemap,
    mainFields: [...b.mainFields],
    external: [...(o.external ?? b.external)],
    charset: b.charset,
    banner: { js: b.banner },
    logLevel: 'warning',
  });
  const catalogTarget = join(o.outdir, CATALOG_IN_BUNDLE);
  await mkdir(dirname(catalogTarget), { recursive: true });
  await copyFile(o.catalogFile, catalogTarget);
  return { file, bytes: (await stat(file)).size };
}
