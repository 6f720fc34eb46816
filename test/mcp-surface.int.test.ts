import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createFocusForgeServer, ERROR_META_KEY } from '../src/tools/index.js';
import { callOk, expectToolError } from './support/mcp-harness.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const env = useTestEnv();
const closers: (() => Promise<void>)[] = [];

type ElicitRequest = {
  params: { message: string; requestedSchema?: { properties: Record<string, unknown> } };
};
type Answer = {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, string | number | boolean>;
};

/** A real SDK client over the in-memory transport; with `answer`, it declares elicitation and answers each form. */
const connect = async (user: TestUser, answer?: (request: ElicitRequest) => Answer) => {
  const asked: ElicitRequest[] = [];
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = createFocusForgeServer({
    actor: { userId: user.userId, via: 'mcp' },
    domain: env().domain,
    agents: env().agents,
    memory: env().memory,
    scheduler: env().jobs.scheduler,
    logger: env().logger,
  });
  const client = new Client(
    { name: 'surface-test', version: '1' },
    answer ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  if (answer)
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(request as ElicitRequest);
      return answer(request as ElicitRequest);
    });
  await server.connect(serverSide);
  await client.connect(clientSide);
  closers.push(async () => {
    await client.close();
    await server.close();
  });
  return { client, asked };
};

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const openTitles = async (client: Client) =>
  (await callOk(client, 'list_tasks', {})).items.map((t: { title: string }) => t.title);

describe('elicitation: the server asks the person through the client', () => {
  it('deletes only after a yes, naming the task and its steps', async () => {
    const user = await env().newUser();
    const { client, asked } = await connect(user, () => ({ action: 'accept', content: { confirm: true } }));
    const task = await callOk(client, 'create_task', { title: 'Old plan' });
    await callOk(client, 'create_task', { title: 'Old step', parentId: task.id });
    const deleted = await callOk(client, 'delete_task', { taskId: task.id });
    expect(deleted.task.id).toBe(task.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.params.message).toMatch(/Delete “Old plan” and its 1 step/);
    expect(await openTitles(client)).toEqual([]);
  });

  it('changes nothing when the person declines or dismisses the question', async () => {
    const user = await env().newUser();
    let reply: Answer = { action: 'decline' };
    const { client } = await connect(user, () => reply);
    const task = await callOk(client, 'create_task', { title: 'Keep me' });
    const declined = await client.callTool({ name: 'delete_task', arguments: { taskId: task.id } });
    expect(expectToolError(declined)).toMatch(/said no, so nothing changed/);
    expect(declined._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'DECLINED' });
    reply = { action: 'accept', content: { confirm: false } };
    expectToolError(await client.callTool({ name: 'delete_task', arguments: { taskId: task.id } }));
    reply = { action: 'cancel' };
    expectToolError(await client.callTool({ name: 'delete_task', arguments: { taskId: task.id } }));
    expect(await openTitles(client)).toEqual(['Keep me']);

    const reward = await callOk(client, 'create_reward', { title: 'Movie night', cost: 1 });
    reply = { action: 'decline' };
    expectToolError(await client.callTool({ name: 'redeem_reward', arguments: { id: reward.id } }));
    await callOk(client, 'create_task', { title: 'Late thing', dueDate: '2020-01-01' });
    expectToolError(await client.callTool({ name: 'fresh_start', arguments: { action: 'archive' } }));
    expect(await openTitles(client)).toEqual(expect.arrayContaining(['Late thing', 'Keep me']));
  });

  it('asks before spending points and before a fresh start, with what will happen', async () => {
    const user = await env().newUser();
    const { client, asked } = await connect(user, () => ({ action: 'accept', content: { confirm: true } }));
    const task = await callOk(client, 'create_task', { title: 'Earn something' });
    await callOk(client, 'complete_task', { taskId: task.id });
    const reward = await callOk(client, 'create_reward', { title: 'Fancy coffee', cost: 1 });
    await callOk(client, 'redeem_reward', { id: reward.id });
    expect(asked.at(-1)!.params.message).toBe('Spend 1 points on “Fancy coffee”?');
    await callOk(client, 'create_task', { title: 'Late one', dueDate: '2020-01-01' });
    await callOk(client, 'create_task', { title: 'Late two', dueDate: '2020-01-02' });
    const fresh = await callOk(client, 'fresh_start', { action: 'reschedule', perDay: 1 });
    expect(fresh.count).toBe(2);
    expect(asked.at(-1)!.params.message).toBe(
      'Spread 2 overdue task(s) over the coming days, at most 1 a day?',
    );
  });

  it('offers one-tap 1-5 mood and energy pickers to suggest_next_task, and uses the answer', async () => {
    const user = await env().newUser();
    const { client, asked } = await connect(user, () => ({
      action: 'accept',
      content: { mood: '2', energy: '1' },
    }));
    await callOk(client, 'create_task', { title: 'Water the plant', estimateMinutes: 2 });
    const next = await callOk(client, 'suggest_next_task', {});
    expect(asked).toHaveLength(1);
    const mood = asked[0]!.params.requestedSchema!.properties.mood as { oneOf: { const: string }[] };
    expect(mood.oneOf.map((o) => o.const)).toEqual(['1', '2', '3', '4', '5']);
    expect(next.basedOn).toMatchObject({ mood: 2, energy: 1, from: 'you' });
    // Given in the call, or logged recently: nothing to ask.
    await callOk(client, 'suggest_next_task', { mood: 4 });
    await callOk(client, 'log_mood', { mood: 3, energy: 3 });
    await callOk(client, 'suggest_next_task', {});
    expect(asked).toHaveLength(1);
  });

  it('runs as called, with no question, for a client that cannot show forms', async () => {
    const user = await env().newUser();
    const { client } = await connect(user);
    const task = await callOk(client, 'create_task', { title: 'Gone soon' });
    expect((await callOk(client, 'delete_task', { taskId: task.id })).task.id).toBe(task.id);
    expect((await callOk(client, 'suggest_next_task', {})).task).toBeNull();
    const tool = (await client.listTools()).tools.find((t) => t.name === 'delete_task')!;
    expect(tool.description).toMatch(/Confirm with the person first/); // the model still asks in conversation
  });
});

describe('list results a model reads cheaply', () => {
  it('lists one line per task, without empty fields, with the real total and links to the first tasks', async () => {
    const user = await env().newUser();
    const { client } = await connect(user);
    for (let i = 1; i <= 12; i++) await callOk(client, 'create_task', { title: `Errand ${i}` });
    const dated = await callOk(client, 'create_task', {
      title: 'Dentist',
      dueAt: '2030-05-02T09:00',
      tags: ['health'],
    });
    const result = await client.callTool({ name: 'list_tasks', arguments: { limit: 5 } });
    const page = result.structuredContent as {
      items: Record<string, unknown>[];
      total: number;
      nextCursor?: string;
    };
    expect(page.total).toBe(13);
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeTruthy();
    const plain = page.items.find((t) => t.title === 'Errand 1') ?? page.items[1]!;
    expect(Object.values(plain)).not.toContainEqual(null);
    expect(plain).not.toHaveProperty('tags');
    const content = result.content as { type: string; text?: string; uri?: string; name?: string }[];
    const lines = content[0]!.text!.split('\n');
    expect(lines[0]).toMatch(/^5 of 13 task\(s\); more with cursor /);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(`${dated.id} "Dentist" · due 2030-05-02 09:00Z · #health`);
    const links = content.filter((c) => c.type === 'resource_link');
    expect(links.map((l) => l.uri)).toEqual(page.items.map((t) => `focusforge://tasks/${String(t.id)}`));
    const linked = await client.readResource({ uri: links[0]!.uri! });
    expect(JSON.parse((linked.contents[0] as { text: string }).text).title).toBe('Dentist');

    const second = await callOk(client, 'list_tasks', { limit: 5, cursor: page.nextCursor });
    expect(second.total).toBe(13);
  });
});

describe('create_tasks: a brain dump in one call', () => {
  it('adds all the tasks, or none when one is invalid, naming the bad one', async () => {
    const user = await env().newUser();
    const { client } = await connect(user);
    const bad = await client.callTool({
      name: 'create_tasks',
      arguments: { tasks: [{ title: 'Call mum' }, { title: 'Ping me', reminders: [0] }] },
    });
    expect(expectToolError(bad)).toMatch(
      /tasks\[1\] \(“Ping me”\).*reminders need a due date.*Nothing was added/,
    );
    expect(await openTitles(client)).toEqual([]);
    const made = await callOk(client, 'create_tasks', {
      tasks: [{ title: 'Call mum' }, { title: 'Pay rent', dueDate: '2030-01-01', reminders: [0] }],
    });
    expect(made.total).toBe(2);
    expect((await openTitles(client)).sort()).toEqual(['Call mum', 'Pay rent']);
  });
});

describe('completions', () => {
  it('completes task ids for the focusforge://tasks/{taskId} template', async () => {
    const user = await env().newUser();
    const { client } = await connect(user);
    const task = await callOk(client, 'create_task', { title: 'Complete me' });
    const result = await client.complete({
      ref: { type: 'ref/resource', uri: 'focusforge://tasks/{taskId}' },
      argument: { name: 'taskId', value: task.id.slice(0, 8) },
    });
    expect(result.completion.values).toContain(task.id);
  });

  it("completes break_down_task's taskId from the person's own open tasks, by id or by a word of the title", async () => {
    const user = await env().newUser();
    const other = await env().newUser();
    const { client } = await connect(user);
    const { client: theirs } = await connect(other);
    const dentist = await callOk(client, 'create_task', { title: 'Book the dentist' });
    const taxes = await callOk(client, 'create_task', { title: 'File taxes' });
    const notMine = await callOk(theirs, 'create_task', { title: 'Book the dentist too' });
    const complete = async (value: string) =>
      (
        await client.complete({
          ref: { type: 'ref/prompt', name: 'break_down_task' },
          argument: { name: 'taskId', value },
        })
      ).completion.values;
    expect(await complete(dentist.id.slice(0, 9))).toContain(dentist.id);
    expect(await complete('')).toEqual(expect.arrayContaining([dentist.id, taxes.id]));
    expect(await complete('dentist')).toEqual([dentist.id]);
    expect(await complete('')).not.toContain(notMine.id);
    await callOk(client, 'complete_task', { taskId: taxes.id });
    expect(await complete('')).not.toContain(taxes.id);
  });
});

describe('capabilities', () => {
  it('promises no list-changed notifications or subscriptions: the lists never change while connected', async () => {
    const user = await env().newUser();
    const { client } = await connect(user);
    const capabilities = client.getServerCapabilities();
    expect(capabilities?.tools).toBeDefined();
    expect(capabilities?.prompts).toBeDefined();
    expect(capabilities?.resources).toBeDefined();
    expect(capabilities?.tools?.listChanged).not.toBe(true);
    expect(capabilities?.prompts?.listChanged).not.toBe(true);
    expect(capabilities?.resources?.listChanged).not.toBe(true);
    expect(capabilities?.resources?.subscribe).not.toBe(true);
  });

  it('shows an icon a host can draw without fetching anything (stdio has no URL to fetch from)', async () => {
    const user = await env().newUser();
    const { client } = await connect(user);
    const [icon] = client.getServerVersion()?.icons ?? [];
    expect(icon).toMatchObject({ mimeType: 'image/svg+xml', sizes: ['any'] });
    const [header = '', data = ''] = icon!.src.split(',');
    expect(header).toBe('data:image/svg+xml;base64');
    expect(Buffer.from(data, 'base64').toString('utf8')).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/,
    );
  });
});
