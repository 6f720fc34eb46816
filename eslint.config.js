// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

const frameworks = [
  'hono',
  'hono/*',
  '@hono/*',
  'twilio',
  '@slack/*',
  'bullmq',
  '@modelcontextprotocol/*',
  '@langchain/*',
];
const layer = (files, forbiddenFolders, forbiddenPackages = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbiddenFolders.map((folder) => ({
            group: [`**/${folder}/*`, `**/${folder}.js`],
            message: `Dependencies point down (see ARCHITECTURE.md): this layer must not import ${folder}/.`,
          })),
          ...(forbiddenPackages.length
            ? [
                {
                  group: forbiddenPackages,
                  message: 'The core never imports frameworks (see ARCHITECTURE.md).',
                },
              ]
            : []),
        ],
      },
    ],
  },
});

const adapters = ['http', 'channels', 'jobs', 'cli'];

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
  layer(['src/shared/**/*.ts'], ['domain', 'memory', 'agents', 'tools', 'planner', ...adapters], frameworks),
  layer(['src/domain/**/*.ts'], ['memory', 'agents', 'tools', 'planner', ...adapters], frameworks),
  layer(['src/memory/**/*.ts'], ['agents', 'tools', 'planner', ...adapters], frameworks),
  layer(['src/agents/**/*.ts'], ['tools', 'planner', ...adapters]),
  layer(['src/tools/**/*.ts'], ['planner', ...adapters]),
  layer(['src/planner/**/*.ts'], adapters),
);
