import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { understand } from '../src/agents/index.js';

type Labelled = { text: string; intent: string; slots?: Record<string, string | number> };
type Dataset = { reference: { now: string; timezone: string }; utterances: Labelled[] };

const data = JSON.parse(readFileSync(new URL('./utterances.json', import.meta.url), 'utf8')) as Dataset;
const options = { now: new Date(data.reference.now), timezone: data.reference.timezone };

/** A slot as the dataset writes it: `when` as local "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm", text compared without case. */
const slotMatches = (name: string, want: string | number, got: unknown): boolean => {
  if (name === 'when') {
    const when = got as { date: string; time: string | null } | null;
    if (!when) return false;
    return String(want).length > 10 ? `${when.date}T${when.time}` === want : when.date === want;
  }
  if (typeof want === 'string') return typeof got === 'string' && got.toLowerCase() === want.toLowerCase();
  return got === want;
};

describe('offline understanding on the labelled utterances', () => {
  it('reaches at least 95% intent accuracy', () => {
    const misses: string[] = [];
    const confusion = new Map<string, number>();
    for (const item of data.utterances) {
      const { intent } = understand(item.text, options);
      if (intent !== item.intent) {
        misses.push(`  "${item.text}": got ${intent}, want ${item.intent}`);
        const key = `${item.intent} → ${intent}`;
        confusion.set(key, (confusion.get(key) ?? 0) + 1);
      }
    }
    const accuracy = (data.utterances.length - misses.length) / data.utterances.length;
    const intents = new Set(data.utterances.map((u) => u.intent)).size;
    console.log(
      `offline intent accuracy: ${(accuracy * 100).toFixed(1)}% (${data.utterances.length - misses.length}/${data.utterances.length} utterances, ${intents} intents)`,
    );
    if (misses.length) console.log(`misses:\n${misses.join('\n')}`);
    expect(data.utterances.length).toBeGreaterThanOrEqual(150);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('fills the labelled slots (titles, dates and times, durations, mood)', () => {
    let total = 0;
    const misses: string[] = [];
    for (const item of data.utterances) {
      const { slots } = understand(item.text, options);
      for (const [name, want] of Object.entries(item.slots ?? {})) {
        total += 1;
        const got = (slots as Record<string, unknown>)[name];
        if (!slotMatches(name, want, got))
          misses.push(`  "${item.text}": ${name} = ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
    const accuracy = (total - misses.length) / total;
    console.log(
      `offline slot accuracy: ${(accuracy * 100).toFixed(1)}% (${total - misses.length}/${total} labelled slots)`,
    );
    if (misses.length) console.log(`misses:\n${misses.join('\n')}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the conversation intents of issue 15 on phrasings written apart from the rules', () => {
    const heldOut = JSON.parse(
      readFileSync(new URL('./conversation-heldout.json', import.meta.url), 'utf8'),
    ) as Dataset;
    const at = { now: new Date(heldOut.reference.now), timezone: heldOut.reference.timezone };
    const misses = heldOut.utterances.flatMap((item) => {
      const { intent } = understand(item.text, at);
      return intent === item.intent ? [] : [`  "${item.text}": got ${intent}, want ${item.intent}`];
    });
    const accuracy = (heldOut.utterances.length - misses.length) / heldOut.utterances.length;
    console.log(
      `conversation intents: ${(accuracy * 100).toFixed(1)}% (${heldOut.utterances.length - misses.length}/${heldOut.utterances.length})`,
    );
    if (misses.length) console.log(`misses:\n${misses.join('\n')}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
