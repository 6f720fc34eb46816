import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../planner/index.js';
import { fetchSlackPhoto, photoIn, taskOfReply } from './slack-proof.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(100, 7),
]);

let server: Server;
let origin = '';
const seen: { path: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (req.url === '/files/moved') res.writeHead(302, { location: '/files/elsewhere' }).end();
    else if (req.url === '/files/big')
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '999999' }).end();
    else res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const options = () => ({ token: 'xoxb-secret', apiUrl: `${origin}/api/`, maxBytes: 1_000 });

describe('fetchSlackPhoto', () => {
  it('returns the photo as a data URL typed by its bytes', async () => {
    const url = await fetchSlackPhoto(
      { id: 'F1', mimetype: 'image/jpeg', url_private: `${origin}/files/ok` },
      options(),
    );
    expect(url).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(seen.at(-1)).toEqual({ path: '/files/ok', authorization: 'Bearer xoxb-secret' });
  });

  it('does not follow a redirect with the token', async () => {
    const before = seen.length;
    await expect(
      fetchSlackPhoto({ id: 'F2', url_private_download: `${origin}/files/moved` }, options()),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(seen.slice(before).map((r) => r.path)).toEqual(['/files/moved']);
  });

  it('refuses a declared length over the limit, and files not on Slack, before reading them', async () => {
    await expect(
      fetchSlackPhoto({ id: 'F3', url_private: `${origin}/files/big` }, options()),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const before = seen.length;
    await expect(
      fetchSlackPhoto({ id: 'F4', url_private: 'https://example.org/files/ok' }, options()),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(fetchSlackPhoto({ id: 'F5' }, options())).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(seen.length).toBe(before);
  });
});

describe('photoIn and taskOfReply', () => {
  it('picks the first photo of a message', () => {
    expect(
      photoIn([
        { id: 'F1', mimetype: 'application/pdf' },
        { id: 'F2', mimetype: 'image/webp' },
      ])?.id,
    ).toBe('F2');
    expect(photoIn([{ id: 'F1', mimetype: 'image/svg+xml' }])).toBeNull();
  });

  it('names the one task a reply is about, and none when it shows several', () => {
    const task = (id: string, status = 'todo') => ({
      id,
      title: id,
      status,
      due: null,
      estimateMinutes: null,
    });
    const reply = (parts: Reply['parts']) => ({ parts });
    expect(taskOfReply(reply([{ type: 'task_list', title: 'Now', tasks: [task('t1')] }]))).toBe('t1');
    expect(
      taskOfReply(
        reply([
          {
            type: 'choices',
            prompt: 'Start?',
            choices: [{ label: 'Start', action: { type: 'start_task', taskId: 't2' } }],
          },
        ]),
      ),
    ).toBe('t2');
    expect(
      taskOfReply(reply([{ type: 'task_list', title: 'All', tasks: [task('t1'), task('t2')] }])),
    ).toBeNull();
    expect(
      taskOfReply(reply([{ type: 'task_list', title: 'Done', tasks: [task('t1', 'done')] }])),
    ).toBeNull();
    expect(taskOfReply(reply([{ type: 'text', text: 'Hi' }]))).toBeNull();
  });
});
