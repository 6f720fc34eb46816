import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/jobs-env.js';
import { createSmsTestEnv, smsWorkerEnv, OUR_NUMBER, type SmsTestEnv } from './support/sms-env.js';
import { spawnCli, type CliProcess } from './support/spawn-cli.js';

// SMS_SEGMENTS_PER_SECOND is a per-number carrier limit: it must hold for the deployment, not per process. Two
// `focusforge worker` processes answer texts at once; their sends from one FocusForge number keep the pace together.

let sms: SmsTestEnv;
const workers: CliProcess[] = [];

beforeAll(async () => {
  // This process only receives webhooks; the turns (and their replies) run in the two workers.
  sms = await createSmsTestEnv({ SMS_SEGMENTS_PER_SECOND: '1' }, { runWorkers: false });
});
afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await sms?.close();
});

const workerEnv = () =>
  smsWorkerEnv(sms, {
    SMS_SEGMENTS_PER_SECOND: '1',
  });

describe('SMS send pacing across processes', () => {
  it(
    'two workers replying at once still send from one number at 1 segment a second',
    { timeout: 120_000 },
    async () => {
      const TEXTS = 6;
      const phones = Array.from({ length: TEXTS }, (_, i) => `+1415555019${i}`);
      for (const [i, phone] of phones.entries()) await sms.person(`P${i}`, phone);
      workers.push(spawnCli(['worker'], workerEnv()), spawnCli(['worker'], workerEnv()));
      await eventually(
        'both workers listening',
        async () => (await sms.env.inbound.queue.getWorkers()).length >= 2,
        60_000,
      ).catch((error: unknown) => {
        throw new Error(
          `${(error as Error).message}; workers said: ${workers.map((w) => w.output()).join('\n')}`,
        );
      });

      await Promise.all(phones.map((phone, i) => sms.text(phone, `add errand number ${i}`)));
      for (const phone of phones) await sms.textsTo(phone, 1, 60_000);

      const sent = sms.fake.sent.filter((m) => phones.includes(m.to)).sort((a, b) => a.at - b.at);
      expect(sent).toHaveLength(TEXTS);
      expect(sent.every((m) => m.from === OUR_NUMBER && m.body.length <= 160)).toBe(true); // one segment each
      const gaps = sent.slice(1).map((m, i) => m.at - sent[i]!.at);
      // 1000 ms apart by the pace; the margin absorbs the HTTP hop after each slot. Paced per process, two workers
      // send pairs a few milliseconds apart, so every other gap would be near 0. The first gap is left out: a
      // process's first send also loads and connects the Twilio client, and in loaded full-suite runs it reached
      // the fake server 750 ms after its slot (gaps 204, 243 ms, then about 1,000 ms each).
      const paced = gaps.slice(1);
      expect(Math.min(...paced), `gaps between sends: ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(600);
    },
  );
});
