import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

// `npm start` builds only when needed (issue 20). The real script runs in a copy of the project's layout whose
// build records each run, so the test sees when it builds without waiting for TypeScript.
let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'focusforge-build-'));
  await mkdir(join(project, 'scripts'));
  await mkdir(join(project, 'src'));
  await copyFile('scripts/build-if-changed.sh', join(project, 'scripts', 'build-if-changed.sh'));
  const build = 'mkdir -p dist && echo built >> builds.log && echo "// app" > dist/cli.js';
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'fake', scripts: { build } }));
  for (const file of ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json'])
    await writeFile(join(project, file), '{}');
  await writeFile(join(project, 'scripts', 'build-widget.js'), '');
  await writeFile(join(project, 'src', 'main.ts'), 'export {};');
  // Sources from a while ago, as in a checkout that was built before.
  const past = new Date(Date.now() - 3_600_000);
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'src/main.ts'])
    await utimes(join(project, file), past, past);
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

const buildIfChanged = () => run('bash', [join(project, 'scripts', 'build-if-changed.sh')]);
const builds = async () =>
  (await readFile(join(project, 'builds.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

describe('scripts/build-if-changed.sh', () => {
  it('builds a fresh clone that has no dist/ yet', async () => {
    await buildIfChanged();
    expect(await builds()).toBe(1);
    expect(await readFile(join(project, 'dist', 'cli.js'), 'utf8')).toContain('app');
  });

  it('skips the build when nothing changed, and builds again after a source changes', async () => {
    await buildIfChanged();
    expect(await builds()).toBe(1);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(project, 'src', 'main.ts'), later, later);
    await buildIfChanged();
    expect(await builds()).toBe(2);
  });
});
