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
  sms.env.database.db.collection<{ _id: string; timezone: string }>('users').findOne({ _id: userId });

describe('unknown numbers in sign-up mode', () => {
  it('a UK number gets an account in Europe/London and its first message answered', async () => {
    await sms.text('+447700900123', 'add buy milk');
    const userId = await userOf('+447700900123');
    expect((await profileOf(userId))?.timezone).toBe('Europe/London');
    const [reply] = await sms.textsTo('+447700900123');
    expect(reply).toMatch(/milk/i);
  });

  it('a US number is asked its time zone; "5" picks Pacific', async () => {
    await sms.text('+14155550170', 'hello');
    const [ask] = await sms.textsTo('+14155550170');
    expect(ask).toMatch(/time zone/i);
    expect(ask).toMatch(/1 for eastern, 2 for central/);
    await sms.text('+14155550170', '5');
    const [, done] = await sms.textsTo('+14155550170', 2);
    expect(done).toMatch(/Pacific/);
    const userId = await userOf('+14155550170');
    expect((await profileOf(userId))?.timezone).toBe('America/Los_Angeles');
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
