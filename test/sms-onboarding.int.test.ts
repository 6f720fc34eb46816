import { deflateSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveIdentity } from '../src/domain/identities/index.js';
import { eventually } from './support/jobs-env.js';
import { createSmsTestEnv, type SmsTestEnv } from './support/sms-env.js';

let sms: SmsTestEnv;
beforeAll(async () => {
  sms = await createSmsTestEnv({ SMS_UNKNOWN_NUMBERS: 'sign_up' });
});
afterAll(async () => {
  await sms?.close();
});

const crc32 = (buf: Buffer) => {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
/** A real 8x8 PNG, like a phone photo only smaller. */
const png = () => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(2, 9);
  const rows = Buffer.concat(
    Array.from({ length: 8 }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(24, 200)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

const userOf = async (phone: string) =>
  eventually(`an account for ${phone}`, () => resolveIdentity(sms.env.domain, 'sms', phone));
const profileOf = async (userId: string) =>
  sms.env.database.db
    .collection<{ _id: string; timezone: string; preferences: { preferredChannel: string } }>('users')
    .findOne({ _id: userId });

describe('unknown numbers in sign-up mode', () => {
  it('a UK number gets an account in Europe/London and its first message answered', async () => {
    await sms.text('+447700900123', 'add buy milk');
    const userId = await userOf('+447700900123');
    const profile = await profileOf(userId);
    expect(profile?.timezone).toBe('Europe/London');
    // Met by text: reminders go by text, not to a web inbox they have never seen.
    expect(profile?.preferences.preferredChannel).toBe('sms');
    const [reply] = await sms.textsTo('+447700900123');
    expect(reply).toMatch(/milk/i);
  });

  it('a US number is asked its time zone; "5" picks Pacific', async () => {
    await sms.text('+14155550170', 'hello');
    const [ask] = await sms.textsTo('+14155550170');
    expect(ask).toMatch(/time zone/i);
    expect(ask).toMatch(/1 for eastern, 2 for central/);
    await sms.text('+14155550170', '5');
    const texts = await sms.textsTo('+14155550170', 2);
    expect(texts.some((t) => /Pacific/.test(t))).toBe(true);
    const userId = await userOf('+14155550170');
    expect((await profileOf(userId))?.timezone).toBe('America/Los_Angeles');
  });
});

const tasksOf = (userId: string) =>
  sms.env.database.db.collection<{ title: string; dueAt: Date | null }>('tasks').find({ userId }).toArray();

/** The wall-clock time `at` shows in `timeZone`, as HH:MM. */
const localTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );

describe('a first message in sign-up mode is kept, never lost', () => {
  it('a US number asked its time zone: the first message is acted on once the zone is known, in that zone', async () => {
    const phone = '+14155550173';
    await sms.text(phone, 'remind me to call mom at 5pm');
    const [ask] = await sms.textsTo(phone);
    expect(ask).toMatch(/time zone/i);
    expect(ask).toMatch(/kept your message/i);
    const userId = await userOf(phone);
    expect(await tasksOf(userId)).toEqual([]); // "5pm" means nothing until the zone is known

    await sms.text(phone, '5');
    const texts = await sms.textsTo(phone, 3);
    expect(texts.some((t) => /Pacific/.test(t))).toBe(true);
    expect(texts.some((t) => /call mom/i.test(t))).toBe(true);
    const [task] = await eventually('the kept message acted on', async () => {
      const tasks = await tasksOf(userId);
      return tasks.length > 0 && tasks;
    });
    expect(task!.title).toMatch(/call mom/i);
    expect(localTime(task!.dueAt!, 'America/Los_Angeles')).toBe('17:00');
    await sleep(1_000);
    expect(await tasksOf(userId)).toHaveLength(1); // acted on once
    expect(sms.fake.sent.filter((m) => m.to === phone)).toHaveLength(3);
  });

  it('a person who answers something else instead of a zone: the kept text is acted on first, then the new one', async () => {
    const phone = '+14155550174';
    await sms.text(phone, 'add water the plants');
    await sms.textsTo(phone);
    await sms.text(phone, 'add pay rent');
    const userId = await userOf(phone);
    const tasks = await eventually('both texts acted on', async () => {
      const found = await tasksOf(userId);
      return found.length === 2 && found;
    });
    expect(tasks.map((t) => t.title).sort()).toEqual([
      expect.stringMatching(/pay rent/i),
      expect.stringMatching(/water the plants/i),
    ]);
    expect((await profileOf(userId))?.timezone).toBe('America/New_York'); // the first option, until they say
  });

  it('a number whose zone cannot be told: welcomed, and the first message answered too', async () => {
    const phone = '+201001234567'; // Egypt: no zone table entry, so UTC and a welcome saying how to change it
    await sms.text(phone, 'add buy milk');
    const texts = await sms.textsTo(phone, 2);
    expect(texts.some((t) => /Welcome/.test(t) && /UTC/.test(t))).toBe(true);
    expect(texts.some((t) => /milk/i.test(t) && !/Welcome/.test(t))).toBe(true);
    const userId = await userOf(phone);
    expect((await tasksOf(userId)).map((t) => t.title)).toEqual([expect.stringMatching(/milk/i)]);
  });
});

describe('a photo as proof (MMS)', () => {
  it('is fetched with the account credentials from the API host and validated for the task in focus', async () => {
    const phone = '+14155550171';
    const user = await sms.person('Mo', phone);
    await sms.env.call(user, 'POST', '/api/v1/tasks', { title: 'Clean the desk' });
    await sms.text(phone, 'what should I do now?');
    const [suggestion] = await sms.textsTo(phone);
    expect(suggestion).toMatch(/Clean the desk/);

    const mediaUrl = sms.fake.addMedia(png(), 'image/png');
    await sms.text(phone, 'all clear now', [
      ['NumMedia', '1'],
      ['MediaUrl0', mediaUrl],
      ['MediaContentType0', 'image/png'],
    ]);
    const [, verdict] = await sms.textsTo(phone, 2);
    expect(verdict!.length).toBeGreaterThan(0);
    expect(sms.fake.mediaRequests).toEqual([{ path: new URL(mediaUrl).pathname, authorized: true }]);
    const stored = await sms.env.database.db
      .collection('proof_images')
      .countDocuments({ userId: user.userId });
    expect(stored).toBe(1);
  });

  it('never fetches media from another host', async () => {
    const phone = '+14155550172';
    const user = await sms.person('Ned', phone);
    await sms.env.call(user, 'POST', '/api/v1/tasks', { title: 'File receipts' });
    await sms.text(phone, 'what should I do now?');
    await sms.textsTo(phone);
    const before = sms.fake.mediaRequests.length;
    await sms.text(phone, '', [
      ['NumMedia', '1'],
      ['MediaUrl0', 'http://169.254.169.254/latest/meta-data/'],
      ['MediaContentType0', 'image/png'],
    ]);
    const [, reply] = await sms.textsTo(phone, 2);
    expect(reply).toMatch(/couldn't open that photo/);
    await sleep(200);
    expect(sms.fake.mediaRequests.length).toBe(before);
  });
});
