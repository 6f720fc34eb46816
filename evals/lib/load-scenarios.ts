import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ScenarioFileSchema, type Scenario } from './scenario-schema.js';

export type ScenarioFilter = { tags: string[]; categories: string[]; ids: string[] };

/** Every scenario of every YAML file in `dir`, defaults applied; ids must be unique across files. */
export const loadScenarios = async (dir: string): Promise<Scenario[]> => {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const scenarios: Scenario[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const parsed = ScenarioFileSchema.safeParse(parse(await readFile(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
      throw new Error(`${file} is not a valid scenario file:\n${issues}`);
    }
    const data = parsed.data;
    for (const s of data.scenarios) {
      const earlier = seen.get(s.id);
      if (earlier) throw new Error(`scenario id "${s.id}" is used in both ${earlier} and ${file}`);
      seen.set(s.id, file);
      scenarios.push({
        ...s,
        category: data.category,
        tags: [...new Set([...data.tags, ...s.tags])],
        now: s.now ?? data.now,
        timezone: s.timezone ?? data.timezone,
        safety: s.safety ?? data.safety,
        file,
      });
    }
  }
  return scenarios;
};

/** Keeps the scenarios that carry every asked tag, sit in an asked category and contain an asked id part. */
export const filterScenarios = (scenarios: Scenario[], filter: ScenarioFilter): Scenario[] =>
  scenarios.filter(
    (s) =>
      filter.tags.every((t) => s.tags.includes(t)) &&
      (filter.categories.length === 0 || filter.categories.includes(s.category)) &&
      (filter.ids.length === 0 || filter.ids.some((id) => s.id.includes(id))),
  );
