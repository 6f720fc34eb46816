import { describe, expect, it } from 'vitest';
import { useTestEnv } from './support/test-env.js';

const env = useTestEnv();

describe("one person's tasks are invisible and untouchable for another", () => {
  it("answers 404 for every way user B could reach user A's tasks, and A's tasks stay as they were", async () => {
    const a = await env().newUser('Alice');
    const b = await env().newUser('Bob');
    const parent = (
      await env().call(a, 'POST', '/api/v1/tasks', {
        title: 'Alice secret plan',
        dueDate: '2020-01-01',
        tags: ['private'],
      })
    ).body;
    const step = (await env().call(a, 'POST', '/api/v1/tasks', { title: 'step one', parentId: parent.id }))
      .body;
    const trashed = (await env().call(a, 'POST', '/api/v1/tasks', { title: 'Alice old task' })).body;
    await env().call(a, 'DELETE', `/api/v1/tasks/${trashed.id}`);
    const before = (await env().call(a, 'GET', `/api/v1/tasks/${parent.id}`)).body;
    const stepBefore = (await env().call(a, 'GET', `/api/v1/tasks/${step.id}`)).body;

    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/tasks/${parent.id}`],
      ['PATCH', `/api/v1/tasks/${parent.id}`, { title: 'hijacked' }],
      ['POST', `/api/v1/tasks/${parent.id}/complete`],
      ['POST', `/api/v1/tasks/${parent.id}/reopen`],
      ['DELETE', `/api/v1/tasks/${parent.id}`],
      ['POST', `/api/v1/tasks/${trashed.id}/restore`],
      ['GET', `/api/v1/tasks/${trashed.id}`],
      ['PUT', `/api/v1/tasks/${parent.id}/subtasks/order`, { ids: [step.id] }],
      ['POST', '/api/v1/tasks', { title: 'sneaky step', parentId: parent.id }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await env().call(b, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('TASK_NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain('Alice');
    }

    for (const query of [
      '',
      '?q=secret',
      '?tags=private',
      `?parentId=${parent.id}`,
      '?deleted=true',
      '?overdue=true',
      '?status=todo,in_progress,done,archived',
    ]) {
      const res = await env().call(b, 'GET', `/api/v1/tasks${query}`);
      expect(res.status, query).toBe(200);
      expect(res.body.items, query).toEqual([]);
    }

    // B's own task with A's step id in the reorder list: still nothing of A's moves.
    const own = (await env().call(b, 'POST', '/api/v1/tasks', { title: 'Bob task' })).body;
    const reorder = await env().call(b, 'PUT', `/api/v1/tasks/${own.id}/subtasks/order`, { ids: [step.id] });
    expect(reorder.status).toBe(400);
    const fresh = await env().call(b, 'POST', '/api/v1/tasks/fresh-start', {
      ids: [parent.id],
      action: 'archive',
    });
    expect(fresh.body).toMatchObject({ count: 0, skipped: 1 });
    const freshAll = await env().call(b, 'POST', '/api/v1/tasks/fresh-start', {});
    expect(freshAll.body.count).toBe(0);

    expect((await env().call(a, 'GET', `/api/v1/tasks/${parent.id}`)).body).toEqual(before);
    expect((await env().call(a, 'GET', `/api/v1/tasks/${step.id}`)).body).toEqual(stepBefore);
    expect((await env().call(a, 'GET', `/api/v1/tasks/${trashed.id}`)).body.deletedAt).not.toBeNull();
    const aList = (await env().call(a, 'GET', '/api/v1/tasks?sort=created')).body.items.map(
      (t: { title: string }) => t.title,
    );
    expect(aList).toEqual(['step one', 'Alice secret plan']);
    const bActions = (await env().domain.audit.list(b.userId)).map((e) => e.action);
    expect(bActions.filter((x) => x.startsWith('task'))).toEqual(['task.created']);
  });

  it('needs a token at all', async () => {
    expect((await env().call(null, 'GET', '/api/v1/tasks')).status).toBe(401);
    expect((await env().call(null, 'POST', '/api/v1/tasks', { title: 'x' })).status).toBe(401);
  });
});
