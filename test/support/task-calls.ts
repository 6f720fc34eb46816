import { expect } from 'vitest';
import type { TestEnv, TestUser } from './test-env.js';

type Task = { id: string; title: string };
type Page = { items: Task[]; nextCursor: string | null };

/** REST helpers for the task tests: each checks the status so a failing call names its body. */
export const taskCalls = (env: () => TestEnv, clock: { advance: (ms: number) => void }) => ({
  create: async (user: TestUser, body: Record<string, unknown>) => {
    clock.advance(1_000); // distinct creation times, so "newest first" has one answer
    const res = await env().call(user, 'POST', '/api/v1/tasks', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  },
  list: async (user: TestUser, query = '') => {
    const res = await env().call(user, 'GET', `/api/v1/tasks${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Page;
  },
});

export const titles = (page: { items: { title: string }[] }) => page.items.map((t) => t.title);
