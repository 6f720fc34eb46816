import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { addIdentity, linkIdentityWithCode, resolveIdentity } from '../src/domain/identities/index.js';
import { useTestEnv } from './support/test-env.js';

const clock = fixedClock('2026-03-01T12:00:00Z');
const env = useTestEnv({ clock });

describe('channel identities', () => {
  it('links a phone number with a single-use code and resolves every spelling of it', async () => {
    const ada = await env().newUser('Ada');
    const { body: code } = await env().call(ada, 'POST', '/api/v1/me/link-codes');
    expect(code.code).toMatch(/^[2-9A-Z]{8}$/);

    const linked = await linkIdentityWithCode(
      env().domain,
      'sms',
      '+1 (415) 555-0123',
      code.code.toLowerCase(),
    );
    expect(linked.address).toBe('+14155550123');
    expect(await resolveIdentity(env().domain, 'sms', '+14155550123')).toBe(ada.userId);
    expect(await resolveIdentity(env().domain, 'sms', '+1 415-555-0123')).toBe(ada.userId);

    await expect(linkIdentityWithCode(env().domain, 'sms', '+14155550199', code.code)).rejects.toMatchObject({
      code: 'LINK_CODE_INVALID',
    });
    const { body: list } = await env().call(ada, 'GET', '/api/v1/me/identities');
    expect(list.items.map((i: { address: string }) => i.address)).toEqual(['+14155550123']);
  });

  it('refuses an expired code', async () => {
    const ada = await env().newUser('Ada');
    const { body: code } = await env().call(ada, 'POST', '/api/v1/me/link-codes');
    clock.advance(11 * 60_000);
    await expect(
      linkIdentityWithCode(env().domain, 'slack', 'T012AB3C4:U0G9QF9C6', code.code),
    ).rejects.toMatchObject({
      code: 'LINK_CODE_INVALID',
    });
  });

  it('sweeps link codes a day after they expire', async () => {
    const ada = await env().newUser('Ada');
    await env().call(ada, 'POST', '/api/v1/me/link-codes');
    expect(await env().domain.identities.sweepLinkCodes(clock.now())).toBe(0);
    clock.advance(2 * 86_400_000);
    expect(await env().domain.identities.sweepLinkCodes(clock.now())).toBeGreaterThanOrEqual(1);
    expect(await env().domain.identities.sweepLinkCodes(clock.now())).toBe(0);
  });

  it('never lets a second account take an address that is already linked', async () => {
    const ada = await env().newUser('Ada');
    const bob = await env().newUser('Bob');
    await addIdentity(env().domain, { userId: ada.userId, via: 'cli' }, 'slack', 't0aaaa:u0bbbb');
    expect(await resolveIdentity(env().domain, 'slack', 'T0AAAA:U0BBBB')).toBe(ada.userId);
    await expect(
      addIdentity(env().domain, { userId: bob.userId, via: 'cli' }, 'slack', 'T0AAAA:U0BBBB'),
    ).rejects.toMatchObject({
      code: 'IDENTITY_TAKEN',
    });
  });

  it('rejects addresses that are not addresses', async () => {
    const ada = await env().newUser('Ada');
    for (const [channel, address] of [
      ['sms', '5550123'],
      ['sms', '{"$ne": null}'],
      ['slack', 'U0BBBB'],
      ['email', 'not-an-email'],
      ['web', 'short'],
    ] as const) {
      await expect(
        addIdentity(env().domain, { userId: ada.userId, via: 'cli' }, channel, address),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it("does not let one person unlink another person's address", async () => {
    const ada = await env().newUser('Ada');
    const bob = await env().newUser('Bob');
    const identity = await addIdentity(
      env().domain,
      { userId: ada.userId, via: 'cli' },
      'email',
      'Ada@Example.com',
    );
    expect((await env().call(bob, 'DELETE', `/api/v1/me/identities/${identity.id}`)).status).toBe(404);
    expect(await resolveIdentity(env().domain, 'email', 'ada@example.com')).toBe(ada.userId);
    expect((await env().call(ada, 'DELETE', `/api/v1/me/identities/${identity.id}`)).status).toBe(200);
    expect(await resolveIdentity(env().domain, 'email', 'ada@example.com')).toBeNull();
  });

  it('keeps an audit trail of account changes', async () => {
    const ada = await env().newUser('Ada');
    await env().call(ada, 'PATCH', '/api/v1/me', { maxNudgesPerDay: 3 });
    const { body } = await env().call(ada, 'GET', '/api/v1/me/audit');
    const actions = body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'token.created', 'profile.updated']));
    expect(JSON.stringify(body)).not.toContain(ada.token);
  });
});
