import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG, populatePerson, type PopulatedPerson } from './support/account-data.js';
import { createJobsTestEnv } from './support/jobs-env.js';
import type { TestEnv } from './support/test-env.js';

// Issue 22: GET /me/export is everything the person owns, nobody else's, and no secret.

let env: TestEnv;
let ada: PopulatedPerson;
let bo: PopulatedPerson;
beforeAll(async () => {
  env = await createJobsTestEnv();
  ada = await populatePerson(env, 'Ada', '+15555550201');
  bo = await populatePerson(env, 'Bo', '+15555550202');
}, 90_000);
afterAll(async () => {
  await env?.close();
});

type Item = Record<string, unknown>;

const download = async (token: string) => {
  const res = await env.app.request('/api/v1/me/export', { headers: { authorization: `Bearer ${token}` } });
  return { res, text: await res.text() };
};

describe('GET /api/v1/me/export', () => {
  it('is a JSON download of every kind of record the person has, their calendar included', async () => {
    const { res, text } = await download(ada.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="focusforge-export-/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = JSON.parse(text) as Record<string, unknown> & Record<string, Item[]>;
    expect(data).toMatchObject({ format: 'focusforge.export.v1', profile: { id: ada.userId, name: 'Ada' } });

    const titles = data.tasks!.map((t) => t.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Ada: call the dentist', 'Ada: water plants', 'Ada: old plan']),
    );
    // Deleted but restorable tasks are the person's too.
    expect(data.tasks!.find((t) => t.title === 'Ada: old plan')?.deletedAt).toEqual(expect.any(String));
    expect(titles.some((t) => /milk/i.test(String(t)))).toBe(true);
    for (const kind of [
      'mood_logs',
      'points_ledger',
      'streak_states',
      'rewards',
      'redemptions',
      'focus_sessions',
      'notifications',
      'inbox',
      'memories',
      'conversation_turns',
      'llm_usage',
      'audit_log',
      'oauth_connections',
      'calendar_feeds',
      'identities',
      'api_tokens',
      'proof_images',
      'proof_image_data',
    ])
      expect(data[kind]?.length, kind).toBeGreaterThan(0);

    expect(data.memories!.map((m) => m.text)).toContain('Ada works best with a 10-minute timer');
    expect(JSON.stringify(data.conversation_turns)).toContain('remind me to buy milk tomorrow at 5pm');
    expect(data.identities!.map((i) => i.address)).toEqual(expect.arrayContaining(['+15555550201']));
    expect(data.oauth_connections![0]).toMatchObject({ clientName: 'Claude', scopes: ['tasks'] });
    expect(data.api_tokens!.map((t) => t.name).sort()).toEqual(['laptop', 'test']);
    expect(`data:image/png;base64,${String(data.proof_image_data![0]!.base64)}`).toBe(PNG);
    expect(data.redemptions![0]).toMatchObject({ cost: 15 });

    const calendar = new ICAL.Component(ICAL.parse(String(data.calendarIcs)));
    const summaries = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));
    expect(summaries).toEqual(expect.arrayContaining(['Ada: call the dentist']));
  });

  it('holds no secret and nothing of anyone else', async () => {
    const { res, text } = await download(ada.token);
    expect(res.status).toBe(200);
    expect(text).toContain('Ada: call the dentist'); // the real export, not an error that leaks nothing
    const db = env.database.db;
    const hashes = [
      ...(await db.collection('api_tokens').find().toArray()).map((t) => String(t.tokenHash)),
      ...(await db.collection('calendar_feeds').find().toArray()).map((f) => String(f.tokenHash)),
      ...(await db.collection('link_codes').find().toArray()).map((c) => String(c.codeHash)),
      ...(await db.collection('oauth_store').find().toArray()).map((d) => String(d._id)),
    ];
    expect(hashes.length).toBeGreaterThan(6);
    for (const hash of hashes) expect(text).not.toContain(hash);
    for (const secret of [ada.token, ada.laptopToken, ada.calendarUrl.split('/').pop()!.replace('.ics', '')])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\bff_[A-Za-z0-9_-]{8,}/);
    expect(text).not.toMatch(/ffcal_|tokenHash|codeHash/);
    expect(text).not.toContain(bo.userId);
    expect(text).not.toContain('Bo: call the dentist');
  });

  it('needs the person’s token', async () => {
    expect((await env.app.request('/api/v1/me/export')).status).toBe(401);
    const doc = await env.call(null, 'GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/me/export', '/me']));
    expect(doc.body.paths['/me'].delete).toBeDefined();
  });
});
