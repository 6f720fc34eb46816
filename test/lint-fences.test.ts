import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the ESLint config is plain JavaScript without type declarations
import { fences } from '../eslint.config.js';

// The boundaries of docs/architecture.md, run through ESLint's own API on small made-up files placed where the rule
// applies. Only the fence rules are loaded (no type information needed), exactly as `npx eslint .` applies them.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  baseConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...fences],
});

const problems = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

describe('lint fences', () => {
  it('keeps the core free of adapters, the composition root and infrastructure clients', async () => {
    const file = 'src/domain/tasks/fence-fixture.ts';
    expect(
      await problems(file, "import { createJobs } from '../../jobs/index.js';\nvoid createJobs;\n"),
    ).toEqual([expect.stringMatching(/no-restricted-imports: .*must not import jobs/)]);
    expect(
      await problems(file, "import type { Config } from '../../config.js';\nexport type X = Config;\n"),
    ).toEqual([expect.stringMatching(/no-restricted-imports: .*config\.ts/)]);
    // The configuration's and the composition root's folders are fenced like config.ts and main.ts themselves (a
    // deep import into them also breaks the barrel fence).
    expect(
      await problems(
        file,
        "import type { LlmConfig } from '../../config/llm.js';\nexport type X = LlmConfig;\n",
      ),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^no-restricted-imports: .*config\.ts/)]));
    expect(
      await problems(file, "import type { Root } from '../../composition/root.js';\nexport type X = Root;\n"),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^no-restricted-imports: .*main\.ts/)]));
    expect(
      await problems(
        'src/http/routes/fence-fixture.ts',
        "import { createDomainWithHooks } from '../../composition/domain.js';\nvoid createDomainWithHooks;\n",
      ),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^no-restricted-imports: .*main\.ts/)]));
    expect(await problems(file, "import { Redis } from 'ioredis';\nvoid Redis;\n")).toEqual([
      expect.stringMatching(/no-restricted-imports: .*infrastructure clients/),
    ]);
    expect(
      await problems(
        'src/memory/fence-fixture.ts',
        "import nodemailer from 'nodemailer';\nvoid nodemailer;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems(file, "import { AppError } from '../../shared/index.js';\nvoid AppError;\n"),
    ).toEqual([]);
  });

  it("keeps adapters out of each other's internals, barrels allowed", async () => {
    const file = 'src/channels/web/fence-fixture.ts';
    expect(
      await problems(file, "import { bearerSecret } from '../../http/auth.js';\nvoid bearerSecret;\n"),
    ).toEqual([expect.stringMatching(/no-restricted-imports: .*only through barrels/)]);
    expect(
      await problems(file, "import { bearerSecret } from '../../http/index.js';\nvoid bearerSecret;\n"),
    ).toEqual([]);
    const http = 'src/http/routes/fence-fixture.ts';
    expect(await problems(http, "import { x } from '../../jobs/worker.js';\nvoid x;\n")).toHaveLength(1);
    expect(
      await problems(
        http,
        "import type { WebInbox } from '../../channels/index.js';\nexport type W = WebInbox;\n",
      ),
    ).toEqual([]);
  });

  it('routes every import between top-level folders through the barrel, and never into its own', async () => {
    const tool = 'src/tools/tasks/fence-fixture.ts';
    const viaBarrel = /no-restricted-imports: .*Folders talk to each other only through barrels/;
    expect(
      await problems(
        tool,
        "import { createTask } from '../../domain/tasks/create-task.js';\nvoid createTask;\n",
      ),
    ).toEqual([expect.stringMatching(viaBarrel)]);
    // A module's own barrel inside another folder is still that folder's internals.
    expect(
      await problems(tool, "import { createTask } from '../../domain/tasks/index.js';\nvoid createTask;\n"),
    ).toEqual([expect.stringMatching(viaBarrel)]);
    expect(
      await problems(
        tool,
        "import type { Logger } from '../../shared/logger.js';\nexport type L = Logger;\n",
      ),
    ).toEqual([expect.stringMatching(viaBarrel)]);
    expect(
      await problems(tool, "import { createTask } from '../../domain/index.js';\nvoid createTask;\n"),
    ).toEqual([]);
    // tools/memory/ is a folder of tools, not src/memory: a relative import inside tools/ is no crossing.
    expect(
      await problems(tool, "import { memoryOf } from '../memory/memory-of.js';\nvoid memoryOf;\n"),
    ).toEqual([]);
    // Inside a folder its own barrel would import the importer back.
    expect(await problems(tool, "import { tools } from '../index.js';\nvoid tools;\n")).toEqual([
      expect.stringMatching(/no-restricted-imports: .*Inside tools\/ import the module itself/),
    ]);
    expect(
      await problems(
        'src/memory/fence-fixture.ts',
        "import { newId } from '../shared/ids.js';\nvoid newId;\n",
      ),
    ).toHaveLength(1);
  });

  it('allows no query on a domain collection outside the domain', async () => {
    const query =
      "import type { Db } from 'mongodb';\nexport const f = (db: Db) => db.collection('tasks').find({});\n";
    expect(await problems('src/jobs/fence-fixture.ts', query)).toContainEqual(
      expect.stringMatching(/no-restricted-syntax: A domain collection is queried only inside src\/domain/),
    );
    expect(await problems('src/channels/sms/fence-fixture.ts', query)).toHaveLength(1);
    expect(await problems('src/memory/fence-fixture.ts', "export const TASKS = 'tasks';\n")).toHaveLength(1);
    // Inside the domain it is the repository's job; an adapter's own collection stays its own.
    expect(await problems('src/domain/tasks/fence-fixture.ts', query)).toEqual([]);
    expect(
      await problems(
        'src/channels/sms/fence-fixture.ts',
        "import type { Db } from 'mongodb';\nexport const f = (db: Db) => db.collection('sms_threads');\n",
      ),
    ).toEqual([]);
    // Layers that own no collection query none at all.
    expect(
      await problems(
        'src/http/fence-fixture.ts',
        "import type { Db } from 'mongodb';\nexport const f = (db: Db) => db.collection('sms_threads');\n",
      ),
    ).toEqual([expect.stringMatching(/This layer owns no collection/)]);
  });
});
