import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  completeTask,
  CompleteTaskResultSchema,
  createTask,
  CreateTaskSchema,
  deleteTask,
  freshStart,
  FreshStartResultSchema,
  FreshStartSchema,
  getTask,
  listTasks,
  reopenTask,
  reorderSubtasks,
  ReorderSubtasksSchema,
  restoreTask,
  TaskCascadeResultSchema,
  TaskListSchema,
  TaskSchema,
  updateTask,
  UpdateTaskSchema,
  type Actor,
  type Domain,
  type ListTasks,
} from '../../domain/index.js';
import type { AppEnv } from '../context.js';
import { errorResponses } from '../errors.js';
import { body, createRouter, json, secured } from '../openapi.js';

const tags = ['Tasks'];
const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'task_8x2k4m9q1w3e5r7t' }),
});

const list = (description: string) => z.string().max(1000).optional().describe(description);
const flag = (description: string) => z.enum(['true', 'false']).optional().describe(description);

/** Query strings are text; lists are comma-separated. The domain schema does the real checking. */
const ListTasksQuerySchema = z.strictObject({
  status: list('Comma-separated: todo, in_progress, done, archived. Default: todo,in_progress'),
  priority: list('Comma-separated: low, medium, high, urgent'),
  energy: list('Comma-separated: low, medium, high'),
  tags: list('Comma-separated; only tasks with all of them'),
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Words that must all appear in the title or notes (literal text)'),
  dueFrom: z.string().max(40).optional().describe('ISO date-time with offset: due at or after'),
  dueTo: z.string().max(40).optional().describe('ISO date-time with offset: due before'),
  dueOn: z.string().max(10).optional().describe('YYYY-MM-DD in your time zone'),
  overdue: flag('Only tasks whose due time has passed (true) or has not (false)'),
  hasDue: flag('Only tasks with (true) or without (false) a due date'),
  parentId: z.string().max(64).optional().describe('Only the steps of this task, in their order'),
  topLevel: flag('Only tasks that are not steps of another'),
  deleted: flag('true: recently deleted tasks, which can be restored'),
  sort: z.string().max(20).optional().describe('due (default), priority, created, updated, position'),
  limit: z.string().max(4).optional().describe('1-100, default 25'),
  cursor: z.string().max(1000).optional().describe('nextCursor from the previous page'),
});

const toListInput = (query: z.infer<typeof ListTasksQuerySchema>): ListTasks => {
  const split = (value: string | undefined) =>
    value
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const bool = (value: 'true' | 'false' | undefined) => (value === undefined ? undefined : value === 'true');
  const limit =
    query.limit === undefined ? undefined : /^\d+$/.test(query.limit) ? Number(query.limit) : query.limit;
  const input: Record<string, unknown> = {
    status: split(query.status),
    priority: split(query.priority),
    energy: split(query.energy),
    tags: split(query.tags),
    q: query.q,
    dueFrom: query.dueFrom,
    dueTo: query.dueTo,
    dueOn: query.dueOn,
    overdue: bool(query.overdue),
    hasDue: bool(query.hasDue),
    parentId: query.parentId,
    topLevel: bool(query.topLevel),
    deleted: bool(query.deleted),
    sort: query.sort,
    limit,
    cursor: query.cursor,
  };
  // Unrecognized values (e.g. limit=abc) go through as they are so the domain schema names the problem.
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ListTasks;
};

const actorOf = (c: Context<AppEnv>): Actor => ({ userId: c.var.userId, via: 'api' });

const common = {
  400: errorResponses[400],
  401: errorResponses[401],
  404: errorResponses[404],
  409: errorResponses[409],
};

type Router = ReturnType<typeof createRouter>;

/** Adding tasks, listing them, and a fresh start for the ones whose dates have passed. */
const addTaskListRoutes = (router: Router, domain: Domain) => {
  router.openapi(
    createRoute({
      method: 'post',
      path: '/tasks',
      tags,
      summary: 'Add a task or a step of one',
      security: secured,
      request: body(CreateTaskSchema),
      responses: { 201: json(TaskSchema, 'The new task'), ...common },
    }),
    async (c) => c.json(await createTask(domain, actorOf(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      tags,
      summary: 'Your tasks: filter, search and page through them',
      security: secured,
      request: { query: ListTasksQuerySchema },
      responses: {
        200: json(TaskListSchema, 'A page of tasks'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) => c.json(await listTasks(domain, actorOf(c), toListInput(c.req.valid('query'))), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/fresh-start',
      tags,
      summary: 'Fresh start: spread tasks whose dates have passed over the coming days, or archive them',
      security: secured,
      request: body(FreshStartSchema),
      responses: {
        200: json(FreshStartResultSchema, 'What was moved'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) => c.json(await freshStart(domain, actorOf(c), c.req.valid('json')), 200),
  );
};

/** One task: read, edit, delete. */
const addOneTaskRoutes = (router: Router, domain: Domain) => {
  router.openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}',
      tags,
      summary: 'One task (a recently deleted one too)',
      security: secured,
      request: { params: IdParams },
      responses: { 200: json(TaskSchema, 'The task'), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => c.json(await getTask(domain, actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/tasks/{id}',
      tags,
      summary: 'Change some fields of a task; all or nothing',
      security: secured,
      request: { params: IdParams, ...body(UpdateTaskSchema) },
      responses: { 200: json(TaskSchema, 'The updated task'), ...common },
    }),
    async (c) =>
      c.json(await updateTask(domain, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/tasks/{id}',
      tags,
      summary: 'Delete a task and its steps (they can be restored)',
      security: secured,
      request: { params: IdParams },
      responses: {
        200: json(TaskCascadeResultSchema, 'Deleted'),
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => c.json(await deleteTask(domain, actorOf(c), c.req.valid('param').id), 200),
  );
};

/** Completing, reopening and restoring a task, and ordering its steps. */
const addTaskLifecycleRoutes = (router: Router, domain: Domain) => {
  router.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/complete',
      tags,
      summary: 'Finish a task: points once, and the next one if it repeats',
      security: secured,
      request: { params: IdParams },
      responses: {
        200: json(CompleteTaskResultSchema, 'Done'),
        401: errorResponses[401],
        404: errorResponses[404],
        409: errorResponses[409],
      },
    }),
    async (c) => c.json(await completeTask(domain, actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/reopen',
      tags,
      summary: 'Bring a finished or archived task back to the list',
      security: secured,
      request: { params: IdParams },
      responses: {
        200: json(TaskSchema, 'Reopened'),
        401: errorResponses[401],
        404: errorResponses[404],
        409: errorResponses[409],
      },
    }),
    async (c) => c.json(await reopenTask(domain, actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/restore',
      tags,
      summary: 'Restore a deleted task with the steps deleted along with it',
      security: secured,
      request: { params: IdParams },
      responses: {
        200: json(TaskCascadeResultSchema, 'Restored'),
        401: errorResponses[401],
        404: errorResponses[404],
        409: errorResponses[409],
      },
    }),
    async (c) => c.json(await restoreTask(domain, actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/tasks/{id}/subtasks/order',
      tags,
      summary: "Reorder a task's steps; list every current step once",
      security: secured,
      request: { params: IdParams, ...body(ReorderSubtasksSchema.omit({ parentId: true })) },
      responses: { 200: json(TaskListSchema, 'The steps in their new order'), ...common },
    }),
    async (c) =>
      c.json(
        await reorderSubtasks(domain, actorOf(c), {
          parentId: c.req.valid('param').id,
          ids: c.req.valid('json').ids,
        }),
        200,
      ),
  );
};

/** /tasks: the acting person's tasks and steps. Every handler acts as `c.var.userId` only. */
export const taskRoutes = (domain: Domain) => {
  const router = createRouter();

  addTaskListRoutes(router, domain);
  addOneTaskRoutes(router, domain);
  addTaskLifecycleRoutes(router, domain);

  return router;
};
