import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// From dist/http/chat/ the bundle is dist/public/widget.js (written by `npm run build`). From src/ (tsx, vitest)
// there is no bundle but there is esbuild (a dev dependency): bundle the TypeScript source in memory, once.
const built = fileURLToPath(new URL('../../public/widget.js', import.meta.url));
const source = fileURLToPath(new URL('../../widget/index.ts', import.meta.url));

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const bundleSource = async (): Promise<string> => {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
};

let cached: Promise<string> | undefined;

/** The widget script; null when neither the bundle nor the source (with esbuild) is available. */
export const loadWidgetScript = (): Promise<string | null> => {
  cached ??= (async () => {
    if (await exists(built)) return readFile(built, 'utf8');
    if (await exists(source)) return bundleSource();
    throw new Error('widget bundle missing');
  })();
  return cached.catch(() => {
    cached = undefined; // a later build may fix it
    return null;
  });
};
