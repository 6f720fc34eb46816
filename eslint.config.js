// @ts-check
import { readdirSync, readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

// Infrastructure clients: only adapters (channels, http, jobs) and the composition root talk to them.
const infrastructure = ['bullmq', 'ioredis', 'nodemailer', 'twilio', '@slack/*', 'hono', 'hono/*', '@hono/*'];
const frameworks = [...infrastructure, '@modelcontextprotocol/*', '@langchain/*'];
/** The top-level files of the composition root and the process entry points. */
const rootFiles = ['main', 'config', 'account-parts', 'cli'];
/** The folders split out of root files: fenced exactly like the file itself (src/composition/ is main.ts's). */
const rootFolderOf = { main: 'composition', config: 'config' };
/** An import of the root file `file`.js, or of anything in the folder split out of it. */
const rootFileImport = (file) =>
  file in rootFolderOf ? `^(\\.\\./)+(${file}\\.js|${rootFolderOf[file]}/.+)$` : `^(\\.\\./)+${file}\\.js$`;
const downMessage = (folder) =>
  `Dependencies point down (see docs/architecture.md): this layer must not import ${folder}/.`;
/** Forbids imports of the given folders, top-level files (src/X.ts) and packages. */
const layer = (files, forbiddenFolders, forbiddenPackages = [], forbiddenFiles = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbiddenFolders.map((folder) => ({
            group: [`**/${folder}/*`, `**/${folder}.js`],
            message: downMessage(folder),
          })),
          ...forbiddenFiles.map((file) => ({
            regex: rootFileImport(file),
            message: `Only the composition root and the adapters read ${file}.ts; the core gets what it needs passed in.`,
          })),
          ...(forbiddenPackages.length
            ? [
                {
                  group: forbiddenPackages,
                  message:
                    'The core never imports frameworks or infrastructure clients (see docs/architecture.md).',
                },
              ]
            : []),
        ],
      },
    ],
  },
});

const adapters = ['http', 'channels', 'jobs', 'cli'];

// "Each top-level folder has an index.ts; other folders import only from it" (STYLE.md 4). The folders are read from
// src/ itself, so a new folder is fenced the day it appears. A file N folders deep reaches src/ with exactly N `../`,
// so each depth gets its own pattern (a sub-folder that shares a top-level folder's name, e.g. tools/memory/, stays
// a relative import of its own folder).
const topFolders = readdirSync('src', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const deepest = Math.max(
  ...readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.split('/').length - 1),
);
const upTo = (depth) => `(\\.\\./){${depth}}`;
/** For files `depth` folders below src/ in `folder`: other folders only through their barrel, never its own. */
const barrelFence = (folder, depth) => ({
  files: [`src/${folder}/${'*/'.repeat(depth - 1)}*.ts`],
  plugins: { '@typescript-eslint': tseslint.plugin },
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^${upTo(depth)}(?!${folder}/)[a-z0-9-]+/(?!index\\.js$)`,
            message:
              "Folders talk to each other only through barrels: import the other folder's index.js, its public API (add the name there if it is missing).",
          },
          {
            regex:
              depth === 1
                ? '^\\./index\\.js$'
                : `^${upTo(depth - 1)}index\\.js$|^${upTo(depth)}${folder}/index\\.js$`,
            message: `Inside ${folder}/ import the module itself: its own barrel (${folder}/index.ts) imports this file, so that is a cycle.`,
          },
        ],
      },
    ],
  },
});
/** The composition root's folders and the CLI wire everything together, like main.ts: they may import internals. */
const rootFolders = new Set([...Object.values(rootFolderOf), 'cli']);
const barrelFences = topFolders
  .filter((folder) => !rootFolders.has(folder))
  .flatMap((folder) => Array.from({ length: deepest }, (_, index) => barrelFence(folder, index + 1)));

// "No query on a domain collection outside the domain." The names are read from src/domain itself (its repositories'
// `db.collection('x')` calls and index declarations), so a new domain collection is fenced the day it appears.
const domainCollections = [
  ...new Set(
    readdirSync('src/domain', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .flatMap((file) =>
        [
          ...readFileSync(`src/domain/${file}`, 'utf8').matchAll(
            /collection(?:<[^>]*>)?\(\s*'([a-z_]+)'|collection: '([a-z_]+)'/g,
          ),
        ].map((match) => match[1] ?? match[2]),
      ),
  ),
].sort();
const domainName = `/^(${domainCollections.join('|')})$/`;
const domainCollectionMessage =
  'A domain collection is queried only inside src/domain: call its repository or a use case (docs/architecture.md).';
const domainCollectionSyntax = [
  {
    selector: `CallExpression[callee.property.name='collection'][arguments.0.value=${domainName}]`,
    message: domainCollectionMessage,
  },
  {
    selector: `Property[key.name='collection'][value.value=${domainName}]`,
    message: domainCollectionMessage,
  },
  { selector: `VariableDeclarator[init.value=${domainName}]`, message: domainCollectionMessage },
];
// Collections have owners (domain, memory, planner's stores, agents' usage, the channels' own stores); the layers
// that only translate or expose (http, jobs, tools, the composition root) query none at all.
const anyCollection = {
  selector: "CallExpression[callee.property.name='collection']",
  message: 'This layer owns no collection: go through the repository of the module that owns it.',
};
const collectionFences = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/domain/**', 'src/dev/**', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...domainCollectionSyntax] },
  },
  {
    files: [
      'src/http/**/*.ts',
      'src/jobs/**/*.ts',
      'src/tools/**/*.ts',
      'src/cli/**/*.ts',
      'src/*.ts',
      'src/composition/**/*.ts',
      'src/config/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...domainCollectionSyntax, anyCollection] },
  },
];

/** Every boundary of the design, as lint rules (exported for test/lint-fences.test.ts). */
export const fences = [
  layer(
    ['src/shared/**/*.ts'],
    ['domain', 'memory', 'agents', 'tools', 'planner', ...adapters],
    frameworks,
    rootFiles,
  ),
  layer(['src/domain/**/*.ts'], ['memory', 'agents', 'tools', 'planner', ...adapters], frameworks, rootFiles),
  layer(['src/memory/**/*.ts'], ['agents', 'tools', 'planner', ...adapters], frameworks, rootFiles),
  layer(['src/agents/**/*.ts'], ['tools', 'planner', ...adapters], infrastructure, ['main', 'cli']),
  layer(['src/tools/**/*.ts'], ['planner', ...adapters], infrastructure, ['main', 'cli']),
  layer(['src/planner/**/*.ts'], adapters, infrastructure, ['main', 'cli']),
  layer(['src/channels/**/*.ts'], ['cli'], [], ['main', 'cli']),
  layer(['src/http/**/*.ts'], ['cli'], [], ['main', 'cli']),
  layer(['src/jobs/**/*.ts'], ['cli'], [], ['main', 'cli']),
  ...barrelFences,
  ...collectionFences,
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'bench/results/**',
      'test-results/**',
      'src/http/widget/**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Functions stay about as small as files (issue 21): the long factories were split by responsibility. The
    // longest left is the SMS inbound handler (167 lines); the bound stops any function from growing past it.
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 170, skipBlankLines: true, skipComments: true }] },
  },
  {
    // No regular expression may backtrack super-linearly: one chat message must never stall the server (issue 14).
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-dupe-disjunctions': [
        'error',
        { reportExponentialBacktracking: 'potential', reportUnreachable: 'potential' },
      ],
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  ...fences,
);
