import { describe, expect, it } from 'vitest';
import { newId } from '../src/shared/ids.js';
import { renderMemoryContext } from '../src/memory/index.js';
import { useMemoryEnv } from './support/memory-env.js';

const env = useMemoryEnv();
const HOUR = 3_600_000;
const user = () => newId('usr');

describe('memory tiers and expiry', () => {
  it('keeps conversation turns for about an hour, per thread', async () => {
    const memory = env().start();
    const userId = user();
    await memory.recordTurn(
      { userId, via: 'chat' },
      { threadId: 't1', role: 'user', text: 'I need to do my taxes' },
    );
    await memory.recordTurn(
      { userId, via: 'chat' },
      { threadId: 't1', role: 'assistant', text: 'Let us find a first step.' },
    );
    await memory.recordTurn(
      { userId, via: 'chat' },
      { threadId: 't2', role: 'user', text: 'Other conversation' },
    );
    expect((await memory.recentTurns(userId, 't1')).map((t) => [t.role, t.text])).toEqual([
      ['user', 'I need to do my taxes'],
      ['assistant', 'Let us find a first step.'],
    ]);
    env().clock.advance(61 * 60_000);
    expect(await memory.recentTurns(userId, 't1')).toEqual([]);
    expect(await memory.recentTurns(userId, 't2')).toEqual([]);
  });

  it('keeps working memory for about a day, and never returns it afterwards even before a sweep', async () => {
    const memory = env().start();
    const userId = user();
    const actor = { userId, via: 'chat' as const };
    await memory.remember(actor, { kind: 'focus', text: 'Finish the grant application draft' });
    await memory.remember(actor, { kind: 'plan', text: 'Draft until noon, then a walk, then email' });
    await memory.remember(actor, { kind: 'open_question', text: 'Is the deadline Friday or Monday?' });
    await memory.remember(actor, { kind: 'preference', text: 'Likes body doubling on video calls' });
    expect(await memory.working(userId)).toEqual({
      plan: 'Draft until noon, then a walk, then email',
      focus: 'Finish the grant application draft',
      openQuestions: ['Is the deadline Friday or Monday?'],
    });

    env().clock.advance(25 * HOUR);
    expect(await memory.working(userId)).toEqual({ plan: null, focus: null, openQuestions: [] });
    const listed = await memory.list(userId);
    expect(listed.memories.map((m) => m.text)).toEqual(['Likes body doubling on video calls']);
    const recalled = await memory.recall(userId, { query: 'grant application draft deadline' });
    expect(recalled.memories.map((m) => m.text)).not.toContain('Finish the grant application draft');
    expect(recalled.memories.map((m) => m.text)).not.toContain('Is the deadline Friday or Monday?');
  });

  it('honours an explicit end date on a long-term memory', async () => {
    const memory = env().start();
    const userId = user();
    const until = new Date(env().clock.now().getTime() + 2 * 24 * HOUR).toISOString();
    await memory.remember(
      { userId, via: 'mcp' },
      { kind: 'commitment', text: 'Will call the landlord every day this week', expiresAt: until },
    );
    expect((await memory.recall(userId, { query: 'call the landlord' })).memories).toHaveLength(1);
    env().clock.advance(3 * 24 * HOUR);
    expect((await memory.recall(userId, { query: 'call the landlord' })).memories).toEqual([]);
    expect((await memory.list(userId)).total).toBe(0);
    await expect(
      memory.remember(
        { userId, via: 'mcp' },
        { kind: 'commitment', text: 'Too late', expiresAt: '2000-01-01T00:00:00Z' },
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('sweeps what has expired from the database', async () => {
    const memory = env().start();
    const userId = user();
    await memory.recordTurn({ userId, via: 'chat' }, { threadId: 'sweep', role: 'user', text: 'hello' });
    await memory.remember({ userId, via: 'chat' }, { kind: 'focus', text: 'Laundry' });
    await memory.remember({ userId, via: 'chat' }, { kind: 'fact', text: 'Has a cat called Miso' });
    env().clock.advance(25 * HOUR);
    const result = await memory.sweep();
    expect(result.memoriesRemoved).toBeGreaterThanOrEqual(2);
    const left = await env().database.db.collection('memories').find({ userId }).toArray();
    expect(left.map((d) => d.text)).toEqual(['Has a cat called Miso']);
    expect(await memory.sweep()).toMatchObject({ memoriesRemoved: 0 });
  });
});

describe('long-term facts: supersede, dedupe and forget', () => {
  it('records provenance and timestamps, and stores a repeated fact once', async () => {
    const memory = env().start();
    const userId = user();
    const first = await memory.remember(
      { userId, via: 'chat', ref: 'msg_1' },
      { kind: 'trigger', text: 'Open-plan noise makes focus impossible', importance: 4 },
    );
    expect(first).toMatchObject({ isNew: true, superseded: null });
    expect(first.memory).toMatchObject({
      tier: 'long_term',
      kind: 'trigger',
      importance: 4,
      source: { via: 'chat', ref: 'msg_1' },
      expiresAt: null,
    });
    expect(first.memory.createdAt).toBe(env().clock.now().toISOString());
    env().clock.advance(60_000);
    const again = await memory.remember(
      { userId, via: 'mcp' },
      { kind: 'trigger', text: '  open-plan noise makes  focus impossible ' },
    );
    expect(again.isNew).toBe(false);
    expect(again.memory.id).toBe(first.memory.id);
    expect(again.memory.updatedAt).toBe(env().clock.now().toISOString());
    expect((await memory.list(userId)).total).toBe(1);
  });

  it('supersedes a corrected fact: only the new version is listed, recalled and put in context', async () => {
    const memory = env().start();
    const userId = user();
    const actor = { userId, via: 'chat' as const };
    const old = await memory.remember(actor, {
      kind: 'preference',
      text: 'Prefers reminders by SMS in the morning',
    });
    const fixed = await memory.remember(actor, {
      kind: 'preference',
      text: 'Prefers reminders on Slack in the afternoon',
      replaces: old.memory.id,
    });
    expect(fixed).toMatchObject({ isNew: true, superseded: old.memory.id });
    expect(fixed.memory.supersedes).toBe(old.memory.id);
    expect((await memory.list(userId)).memories.map((m) => m.id)).toEqual([fixed.memory.id]);
    const recalled = await memory.recall(userId, { query: 'SMS reminders morning' });
    expect(recalled.memories.map((m) => m.id)).toEqual([fixed.memory.id]);
    const context = await memory.context(userId, { query: 'how to remind them' });
    expect(context.facts.map((f) => f.id)).not.toContain(old.memory.id);
    await expect(memory.remember(actor, { text: 'again', replaces: old.memory.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps one current focus: a new focus replaces the previous one', async () => {
    const memory = env().start();
    const userId = user();
    await memory.remember({ userId, via: 'chat' }, { kind: 'focus', text: 'Taxes' });
    await memory.remember({ userId, via: 'chat' }, { kind: 'focus', text: 'Dishes' });
    expect((await memory.working(userId)).focus).toBe('Dishes');
    expect((await memory.list(userId, { kinds: ['focus'] })).total).toBe(1);
  });

  it('forgets a memory with all its earlier versions, everywhere', async () => {
    const memory = env().start();
    const userId = user();
    const actor = { userId, via: 'chat' as const };
    const v1 = await memory.remember(actor, { kind: 'fact', text: 'Sister Ana lives in Porto' });
    const v2 = await memory.remember(actor, {
      kind: 'fact',
      text: 'Sister Ana lives in Lisbon',
      replaces: v1.memory.id,
    });
    const other = await memory.remember(actor, { kind: 'fact', text: 'Works night shifts at a bakery' });
    const result = await memory.forget(actor, { ids: [v2.memory.id, 'mem_doesnotexist'] });
    expect(result).toEqual({ forgotten: [v2.memory.id], notFound: ['mem_doesnotexist'] });
    expect(
      (await memory.recall(userId, { query: 'sister Ana Lisbon Porto' })).memories.map((m) => m.id),
    ).toEqual(expect.not.arrayContaining([v1.memory.id, v2.memory.id]));
    const stored = await env().database.db.collection('memories').find({ userId }).toArray();
    expect(stored.map((d) => d._id)).toEqual([other.memory.id]);
    const vectors = await env()
      .database.db.collection('memory_vectors')
      .find({ userId, deleted: false })
      .toArray();
    expect(vectors.map((d) => d.sourceId)).toEqual([other.memory.id]);
    expect(
      JSON.stringify(await env().database.db.collection('memory_vectors').find({ userId }).toArray()),
    ).not.toContain('Ana');
  });

  it('drops the least valuable memories first when a person is over budget', async () => {
    const memory = env().start({ budgets: { maxLongTermPerUser: 3 } });
    const userId = user();
    const actor = { userId, via: 'chat' as const };
    const keep = await memory.remember(actor, {
      kind: 'what_helped',
      text: 'A ten minute timer got the dishes started',
      importance: 5,
    });
    await memory.remember(actor, { kind: 'fact', text: 'Once mentioned liking blue pens', importance: 1 });
    env().clock.advance(60_000);
    await memory.remember(actor, {
      kind: 'commitment',
      text: 'Will send the invoice by Thursday',
      importance: 4,
    });
    await memory.remember(actor, { kind: 'trigger', text: 'Phone calls cause dread', importance: 4 });
    const texts = (await memory.list(userId)).memories.map((m) => m.text);
    expect(texts).toHaveLength(3);
    expect(texts).not.toContain('Once mentioned liking blue pens');
    expect(texts).toContain(keep.memory.text);
  });

  it('keeps a thread near its newest turns however long it runs', async () => {
    const memory = env().start({ budgets: { maxTurnsPerThread: 5 } });
    const userId = user();
    const actor = { userId, via: 'chat' as const };
    for (let i = 0; i < 40; i++) {
      env().clock.advance(1_000);
      await memory.recordTurn(actor, {
        threadId: 'long',
        role: i % 2 ? 'assistant' : 'user',
        text: `turn ${i}`,
      });
    }
    const stored = await env()
      .database.db.collection('memories')
      .countDocuments({ userId, threadId: 'long' });
    // Trimmed on the thread's first turn and every 16th after: never more than the cap plus 16.
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(stored).toBeLessThanOrEqual(5 + 16);
    expect((await memory.recentTurns(userId, 'long', 3)).map((t) => t.text)).toEqual([
      'turn 37',
      'turn 38',
      'turn 39',
    ]);
  });
});

describe('memory context', () => {
  it('assembles recent turns, working memory, relevant facts and recent mood within the budget', async () => {
    const memory = env().start();
    const userId = user();
    const actor = { userId, via: 'chat' as const };
    await memory.remember(actor, {
      kind: 'what_helped',
      text: 'Putting on music helped start cleaning the kitchen',
    });
    await memory.remember(actor, {
      kind: 'preference',
      text: 'Prefers short bullet lists over long paragraphs',
    });
    await memory.remember(actor, { kind: 'fact', text: 'Plays the cello in a community orchestra' });
    await memory.remember(actor, { kind: 'focus', text: 'Clean the kitchen before guests arrive' });
    await memory.remember(actor, {
      kind: 'plan',
      text: 'Morning: dishes and counters with music on. Afternoon: floor, then rest. Evening: set the table and light candles.',
    });
    await memory.recordTurn(actor, {
      threadId: 'th',
      role: 'user',
      text: 'I cannot get myself to clean the kitchen',
    });
    await env()
      .database.db.collection('mood_logs')
      .insertMany([
        {
          _id: newId('mood') as never,
          userId,
          mood: 2,
          energy: 'low',
          note: 'tired after work',
          at: env().clock.now(),
        },
        {
          _id: newId('mood') as never,
          userId: user(),
          mood: 5,
          energy: 'high',
          note: 'someone else',
          at: env().clock.now(),
        },
        { _id: newId('mood') as never, userId, mood: 'unexpected shape' },
      ]);

    const context = await memory.context(userId, { query: 'start cleaning the kitchen', threadId: 'th' });
    expect(context.turns.map((t) => t.text)).toEqual(['I cannot get myself to clean the kitchen']);
    expect(context.working.focus).toBe('Clean the kitchen before guests arrive');
    expect(context.facts[0]?.text).toBe('Putting on music helped start cleaning the kitchen');
    expect(context.facts.map((f) => f.text)).not.toContain('Plays the cello in a community orchestra');
    expect(context.mood).toEqual([
      { mood: 2, energy: 'low', note: 'tired after work', at: env().clock.now().toISOString() },
    ]);
    expect(renderMemoryContext(context)).toContain('Current focus: Clean the kitchen before guests arrive');

    const small = await memory.context(userId, {
      query: 'start cleaning the kitchen',
      threadId: 'th',
      maxChars: 200,
    });
    expect(small.usedChars).toBeLessThanOrEqual(200);
    expect(small.truncated).toBe(true);
    expect(small.turns.map((t) => t.text)).toEqual(['I cannot get myself to clean the kitchen']);
    expect(small.working.focus).toBe('Clean the kitchen before guests arrive');
  });

  it('works for someone with no memories and no mood logs at all', async () => {
    const memory = env().start();
    expect(await memory.context(user(), { query: 'anything', threadId: 'none' })).toEqual({
      turns: [],
      working: { plan: null, focus: null, openQuestions: [] },
      facts: [],
      mood: [],
      usedChars: 0,
      truncated: false,
    });
  });
});

describe('consolidation hook', () => {
  it('stores what the consolidator proposes from recent turns, once', async () => {
    const memory = env().start({
      consolidator: async ({ turns }) =>
        turns.some((t) => t.text.includes('walk'))
          ? [{ kind: 'what_helped', text: 'A short walk helps restart after a slump' }, { text: '' }]
          : [],
    });
    const userId = user();
    await memory.recordTurn(
      { userId, via: 'chat' },
      { threadId: 'c', role: 'user', text: 'The walk really helped today' },
    );
    expect(await memory.consolidate(userId)).toEqual({ proposed: 2, remembered: 1, rejected: 1 });
    expect(await memory.consolidate(userId)).toEqual({ proposed: 2, remembered: 0, rejected: 1 });
    const listed = await memory.list(userId);
    expect(listed.memories).toMatchObject([
      { kind: 'what_helped', source: { via: 'job', ref: 'consolidation' } },
    ]);
  });
});
