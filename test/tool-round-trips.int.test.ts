import type { CommandStartedEvent } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/shared/ids.js';
import { connectInProcess, type InProcessMcp } from '../src/tools/index.js';
import { callOk } from './support/mcp-harness.js';
import { useTestEnv } from './support/test-env.js';

// Every database round trip a tool call makes is time a person waits (issue 20: list_tasks and create_task over
// MCP within 2x of the raw driver call). These tests count what reaches the server, not how long it takes.
const env = useTestEnv();
const open: InProcessMcp[] = [];

beforeAll(async () => {
  // Connections copy the monitoring switch when they open, so the pool is reopened with it on.
  const client = env().database.client;
  await client.close();
  client.options.monitorCommands = true;
  await client.connect();
});

afterAll(async () => {
  for (const mcp of open) await mcp.close();
});

const connect = async (userId: string) => {
  const mcp = await connectInProcess({
    actor: { userId, via: 'mcp' },
    domain: env().domain,
    agents: env().agents,
    memory: env().memory,
    scheduler: env().jobs.scheduler,
    logger: env().logger,
  });
  open.push(mcp);
  return mcp.client;
};

/** The commands (name and collection) that `fn` sends to the request-path client. */
const commandsOf = async (fn: () => Promise<unknown>): Promise<string[]> => {
  const client = env().database.client;
  const seen: string[] = [];
  const listener = (event: CommandStartedEvent) => {
    const target = event.command[event.commandName] as unknown;
    seen.push(`${event.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  };
  client.on('commandStarted', listener);
  try {
    await fn();
  } finally {
    client.off('commandStarted', listener);
  }
  return seen;
};

const seedOpenTasks = async (userId: string, count: number) => {
  const now = Date.now();
  await env()
    .database.db.collection('tasks')
    .insertMany(
      Array.from({ length: count }, (_, n) => {
        const dueAt = new Date(now + (n + 1) * 3_600_000);
        const at = new Date(now - 60_000);
        return {
          _id: newId('task'),
          userId,
          parentId: null,
          ancestorIds: [],
          title: `task ${n}`,
          notes: null,
          status: 'todo',
          priority: 'medium',
          priorityRank: 2,
          timezone: 'UTC',
          dueAt,
          dueDate: null,
          dueEndAt: dueAt,
          dueSortAt: dueAt,
          estimateMinutes: null,
          energy: null,
          tags: [],
          recurrence: null,
          seriesId: null,
          occurrence: null,
          nextOccurrenceId: null,
          reminders: [],
          position: n,
          statusHistory: [{ status: 'todo', at, via: 'mcp' }],
          version: 0,
          createdAt: at,
          updatedAt: at,
          completedAt: null,
          deletedAt: null,
          deletedWith: null,
        };
      }) as never[],
    );
};

describe('list_tasks over MCP', () => {
  it('reads only the page it shows: a page query, the step counts, and a count of the rest', async () => {
    const { userId } = await env().newUser();
    await seedOpenTasks(userId, 40);
    const client = await connect(userId);
    let page: { items: { id: string }[]; total: number; nextCursor?: string } | undefined;
    const commands = await commandsOf(async () => {
      page = await callOk(client, 'list_tasks', { limit: 25 });
    });
    expect(page?.items).toHaveLength(25);
    expect(page?.total).toBe(40);
    expect(page?.nextCursor).toBeTruthy();
    // The count runs beside the step counts, so their order varies.
    expect(commands.sort()).toEqual(['count tasks', 'find tasks', 'find tasks']);

    // The next page still knows the total, and together the pages hold every task once.
    const next = (await callOk(client, 'list_tasks', { limit: 25, cursor: page!.nextCursor })) as {
      items: { id: string }[];
      total: number;
    };
    expect(next.total).toBe(40);
    expect(new Set([...page!.items, ...next.items].map((t) => t.id)).size).toBe(40);
  });

  it('needs no count when the first page holds every match', async () => {
    const { userId } = await env().newUser();
    await seedOpenTasks(userId, 12);
    const client = await connect(userId);
    let page: { items: unknown[]; total: number } | undefined;
    const commands = await commandsOf(async () => {
      page = await callOk(client, 'list_tasks', { limit: 25 });
    });
    expect(page?.items).toHaveLength(12);
    expect(page?.total).toBe(12);
    expect(commands).toEqual(['find tasks', 'find tasks']);
  });

  it('counts many matches right', async () => {
    const { userId } = await env().newUser();
    await seedOpenTasks(userId, 130);
    const client = await connect(userId);
    const page = (await callOk(client, 'list_tasks', { limit: 10 })) as { items: unknown[]; total: number };
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(130);
  });
});

describe('the today resource over MCP', () => {
  it("reads the person's tasks once for its three sections, and each section holds what it did before", async () => {
    const { userId } = await env().newUser();
    await seedOpenTasks(userId, 30); // due hourly from an hour from now: today's (UTC) first few, the rest later
    const tasks = env().database.db.collection<{ _id: string; dueAt: Date | null }>('tasks');
    const now = Date.now();
    const late = new Date(now - 2 * 86_400_000);
    const seeded = await tasks.find({ userId }).sort({ dueAt: 1 }).toArray();
    await tasks.updateOne(
      { _id: seeded[0]!._id },
      { $set: { dueAt: late, dueEndAt: late, dueSortAt: late, title: 'overdue' } },
    );
    await tasks.updateOne({ _id: seeded[29]!._id }, { $set: { status: 'in_progress', title: 'started' } });
    await tasks.updateOne({ _id: seeded[28]!._id }, { $set: { status: 'done' } });
    const client = await connect(userId);
    const read = async () => {
      const result = await client.readResource({ uri: 'focusforge://today' });
      const first = result.contents[0] as { text: string };
      return JSON.parse(first.text) as Record<string, { items: { title: string }[]; count: number }>;
    };
    await read(); // the profile is read once and kept
    let today: Awaited<ReturnType<typeof read>> | undefined;
    const commands = await commandsOf(async () => {
      today = await read();
    });
    const endOfDay = new Date(`${new Date(now).toISOString().slice(0, 10)}T23:59:59.999Z`).getTime();
    const dueTodayCount = seeded.slice(1, 28).filter((t) => t.dueAt!.getTime() <= endOfDay).length;
    expect(today?.overdue?.items.map((t) => t.title)).toEqual(['overdue']);
    expect(today?.inProgress?.items.map((t) => t.title)).toEqual(['started']);
    expect(today?.dueToday?.count).toBe(dueTodayCount);
    // One query for the three sections and one for their step counts (plus the running focus block).
    expect(commands.filter((c) => c === 'find tasks')).toHaveLength(2);
  });
  it('still fills every section when more tasks match than the one query brings back', async () => {
    const { userId } = await env().newUser();
    await seedOpenTasks(userId, 160);
    const late = new Date(Date.now() - 86_400_000);
    await env()
      .database.db.collection('tasks')
      .updateMany(
        { userId },
        { $set: { dueAt: late, dueEndAt: late, dueSortAt: late, status: 'in_progress' } },
      );
    const client = await connect(userId);
    const result = await client.readResource({ uri: 'focusforge://today' });
    const today = JSON.parse((result.contents[0] as { text: string }).text) as Record<
      string,
      { count: number; hasMore: boolean }
    >;
    expect(today.overdue).toMatchObject({ count: 50, hasMore: true });
    // A task both overdue and started is shown once, as overdue.
    expect(today.inProgress).toMatchObject({ count: 0 });
  });
});

describe('suggest_next_task over MCP', () => {
  it("reads the person's snoozes, not their whole history, and so still honours a snooze after many changes", async () => {
    const { userId } = await env().newUser();
    const client = await connect(userId);
    const snoozed = (await callOk(client, 'create_task', { title: 'pay rent', priority: 'urgent' })) as {
      id: string;
    };
    const other = (await callOk(client, 'create_task', { title: 'water plants', priority: 'low' })) as {
      id: string;
    };
    const actor = { userId, via: 'mcp' as const };
    await env().domain.audit.record(actor, 'task.snoozed', 'task', snoozed.id, { minutes: 120 });
    // A busy hour since: many more entries than the suggestion used to look back through.
    const at = Date.now();
    await env()
      .database.db.collection('audit_log')
      .insertMany(
        Array.from({ length: 250 }, (_, n) => ({
          _id: newId('aud'),
          userId,
          via: 'mcp',
          action: 'task.updated',
          entity: 'task',
          entityId: other.id,
          at: new Date(at + n),
          meta: {},
        })) as never[],
      );
    const suggestion = (await callOk(client, 'suggest_next_task', {})) as { task: { id: string } | null };
    expect(suggestion.task?.id).toBe(other.id);
  });
});

describe('create_task over MCP', () => {
  it('writes the task and its audit entry without reading the profile again for each task', async () => {
    const { userId } = await env().newUser('Tz', 'Asia/Tokyo');
    const client = await connect(userId);
    await callOk(client, 'create_task', { title: 'first' });
    let created: { id: string; dueAt: string | null } | undefined;
    const commands = await commandsOf(async () => {
      created = await callOk(client, 'create_task', { title: 'second', dueAt: '2030-01-02T09:00' });
    });
    expect(commands.sort()).toEqual(['insert audit_log', 'insert tasks']);
    // The profile's time zone still places the wall-clock time.
    expect(created?.dueAt).toBe('2030-01-02T09:00:00.000+09:00');
    const audit = await env().domain.audit.list(userId);
    expect(audit.find((e) => e.entityId === created?.id)?.action).toBe('task.created');
  });

  it('places wall-clock times in the new time zone right after the person changes it', async () => {
    const { userId } = await env().newUser('Mover', 'Asia/Tokyo');
    const client = await connect(userId);
    await callOk(client, 'create_task', { title: 'warm the profile' });
    await callOk(client, 'update_profile', { timezone: 'America/New_York' });
    const moved = (await callOk(client, 'create_task', { title: 'after', dueAt: '2030-01-02T09:00' })) as {
      dueAt: string;
    };
    expect(moved.dueAt).toBe('2030-01-02T09:00:00.000-05:00');
  });
});
