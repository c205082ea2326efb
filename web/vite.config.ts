import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/**
 * Writes dist/web.chunks.json beside (not inside) the built app: every JS chunk with the source modules it holds and
 * what it imports. The bench reads it for the size of each role's chunks, and a test proves from it that the learner's
 * first load holds no staff, advisor or admin module. Outside dist/web, so it is never deployed or served.
 */
function chunkMap(): Plugin {
  let target = '';
  return {
    name: 'sogyo-chunk-map',
    apply: 'build',
    // Beside whatever folder this build writes to: dist/web → dist/web.chunks.json.
    configResolved(config) { target = `${config.build.outDir.replace(/[\\/]+$/, '')}.chunks.json`; },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [{
        file: c.fileName,
        isEntry: c.isEntry,
        imports: c.imports,
        dynamicImports: c.dynamicImports,
        css: [...(c.viteMetadata?.importedCss ?? [])],
        modules: c.moduleIds.filter((id) => !id.startsWith('\0')).map((id) => relative(root, id).split('\\').join('/')),
      }] : []));
      writeFileSync(target, `${JSON.stringify({ chunks }, null, 1)}\n`);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [solid(), chunkMap()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // The CSP forbids inline scripts and styles: keep everything in files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Everything the first page needs in one chunk. Left alone, Rolldown moves the modules that lazy chunks share
        // with the entry (solid-js, the router, i18n) into a second initial chunk: one more request and ~1.3 KB more
        // gzip for the learner, for nothing. Lazy chunks (quiz, evidence, the role areas) are not `$initial`.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
});
