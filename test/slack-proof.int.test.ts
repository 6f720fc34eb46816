import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTasks } from '../src/domain/tasks/index.js';
import { startFakeSlack, type FakeSlack } from './support/fake-slack.js';
import { eventually } from './support/jobs-env.js';
import { createSlackTestEnv, type SlackTestEnv } from './support/slack-env.js';
import { zoneAtNoon } from './support/clock.js';

// Proof of completion by file upload: a photo sent in the DM goes to the proof path for the task the person last
// saw a card or pressed a button for, fetched with the bot token from Slack only, size- and type-checked.

let s: SlackTestEnv;
let elsewhere: FakeSlack;
const CAROL = 'U0CAROL1';
const DM = 'D0CAROL1';
const MAX_BYTES = 50_000;
let tsSeq = 1_700_300_000;
const nextTs = () => `${++tsSeq}.000100`;

beforeAll(async () => {
  s = await createSlackTestEnv({ PROOF_IMAGE_MAX_BYTES: String(MAX_BYTES) });
  elsewhere = await startFakeSlack();
  s.fake.users.set(CAROL, { id: CAROL, tz: zoneAtNoon(), realName: 'Carol Example' });
});
afterAll(async () => {
  await s?.close();
  await elsewhere?.close();
});

const png = (size: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]);

const dmPosts = () => s.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === DM);
/** The `n`th message posted in Carol's DM (1-based), once it is there. */
const nthDm = (n: number) => eventually(`DM message ${n}`, async () => dmPosts()[n - 1]);

const say = (eventId: string, text: string) =>
  s.event(eventId, { type: 'message', channel_type: 'im', channel: DM, user: CAROL, text, ts: nextTs() });

/** Uploads a file in the DM: Slack's `message` event with subtype `file_share`. */
const upload = (
  eventId: string,
  file: { id: string; mimetype: string; size: number; url?: string },
  caption = '',
) =>
  s.event(eventId, {
    type: 'message',
    subtype: 'file_share',
    channel_type: 'im',
    channel: DM,
    user: CAROL,
    text: caption,
    ts: nextTs(),
    files: [
      {
        id: file.id,
        name: `${file.id}.bin`,
        mimetype: file.mimetype,
        size: file.size,
        url_private: file.url ?? `${s.fake.origin}/files/${file.id}`,
        url_private_download: file.url ?? `${s.fake.origin}/files/${file.id}`,
      },
    ],
  });

const carolId = async () => (await s.env.domain.identities.find('slack', `T0FAKE1:${CAROL}`))!.userId;
const proofImagesOfCarol = async () =>
  s.env.database.db.collection('proof_images').countDocuments({ userId: await carolId() });

type Button = { text: { text: string }; value: string; action_id: string };
const buttonsOf = (blocks: unknown) =>
  (blocks as { elements?: Button[] }[]).flatMap((b) => b.elements ?? []).filter((e) => e.value !== undefined);

describe('proof of completion by photo in a Slack DM', () => {
  it('asks which task a photo proves when no task is in focus, and fetches nothing', async () => {
    s.fake.files.set('F0EARLY', { bytes: png(1_000), mimetype: 'image/png' });
    expect((await upload('EvP1', { id: 'F0EARLY', mimetype: 'image/png', size: 1_008 })).status).toBe(200);
    const answer = await nthDm(1);
    expect(String(answer.args.text)).toMatch(/Which task does it prove/);
    expect(s.fake.fileRequests).toEqual([]);
  });

  it('validates a photo for the task just started, fetched with the bot token', async () => {
    expect((await say('EvP2', 'add water the plants')).status).toBe(200);
    await nthDm(2);
    expect((await say('EvP3', 'what now?')).status).toBe(200);
    const card = await nthDm(3);
    const start = buttonsOf(card.args.blocks).find((b) => b.text.text === 'Start');
    expect(start, JSON.stringify(card.args.blocks)).toBeDefined();
    const cardTs = '1700300999.000001';
    await s.press({
      user: { id: CAROL },
      channel: { id: DM },
      container: { type: 'message', message_ts: cardTs, channel_id: DM, is_ephemeral: false },
      message: { ts: cardTs, text: 'card' },
      trigger_id: 'trig-proof-start',
      actions: [{ type: 'button', action_id: start!.action_id, value: start!.value, action_ts: '1' }],
    });
    await s.fake.waitFor('chat.update', 1);

    s.fake.files.set('F0PLANTS', { bytes: png(2_000), mimetype: 'image/png' });
    expect(
      (await upload('EvP4', { id: 'F0PLANTS', mimetype: 'image/png', size: 2_008 }, 'all watered')).status,
    ).toBe(200);
    const verdict = await nthDm(4);
    expect(s.fake.fileRequests).toEqual([{ path: '/files/F0PLANTS', token: 'xoxb-test-token' }]);
    expect(String(verdict.args.text)).not.toMatch(/Which task|couldn't open|too large|only take photos/);
    expect(await proofImagesOfCarol()).toBe(1);
    // Checked against the task that was started.
    const userId = await carolId();
    const [plants] = (await listTasks(s.env.domain, { userId, via: 'api' })).items;
    expect(plants?.title.toLowerCase()).toContain('water the plants');
    const checks = await s.env.domain.audit.list(userId);
    expect(checks.filter((e) => e.action === 'proof.validated').map((e) => e.entityId)).toEqual([plants!.id]);
    // A retried delivery of the same upload is not validated (or fetched) twice.
    await upload('EvP4', { id: 'F0PLANTS', mimetype: 'image/png', size: 2_008 }, 'all watered');
    await sleep(1_000);
    expect(s.fake.fileRequests).toHaveLength(1);
    expect(dmPosts()).toHaveLength(4);
  });

  it('refuses what is not a photo, too large, disguised, or not on Slack, with a clear answer', async () => {
    let posted = dmPosts().length;
    const answerTo = async (eventId: string, file: Parameters<typeof upload>[1]) => {
      expect((await upload(eventId, file)).status).toBe(200);
      posted += 1;
      return String((await nthDm(posted)).args.text);
    };
    const fetched = () => s.fake.fileRequests.length;
    const before = fetched();

    s.fake.files.set('F0PDF', { bytes: Buffer.from('%PDF-1.4 ...'), mimetype: 'application/pdf' });
    expect(await answerTo('EvP5', { id: 'F0PDF', mimetype: 'application/pdf', size: 12 })).toMatch(
      /only take photos/,
    );
    expect(fetched()).toBe(before);

    // Declared too large: never downloaded.
    expect(await answerTo('EvP6', { id: 'F0HUGE', mimetype: 'image/png', size: MAX_BYTES + 1 })).toMatch(
      /too large/,
    );
    expect(fetched()).toBe(before);

    // Declared small, but the bytes run past the limit: the download stops there.
    s.fake.files.set('F0LIAR', { bytes: png(MAX_BYTES + 10_000), mimetype: 'image/png' });
    expect(await answerTo('EvP7', { id: 'F0LIAR', mimetype: 'image/png', size: 1_000 })).toMatch(/too large/);

    // Called a PNG, but its bytes are not an image.
    s.fake.files.set('F0FAKE', { bytes: Buffer.from('<svg onload=alert(1)>'), mimetype: 'image/png' });
    expect(await answerTo('EvP8', { id: 'F0FAKE', mimetype: 'image/png', size: 21 })).toMatch(
      /couldn't open/,
    );

    // A link to another host: the bot token is never sent there.
    elsewhere.files.set('F0AWAY', { bytes: png(1_000), mimetype: 'image/png' });
    expect(
      await answerTo('EvP9', {
        id: 'F0AWAY',
        mimetype: 'image/png',
        size: 1_008,
        url: `${elsewhere.origin}/files/F0AWAY`,
      }),
    ).toMatch(/couldn't open/);
    expect(elsewhere.fileRequests).toEqual([]);

    expect(await proofImagesOfCarol()).toBe(1);
  });
});
