// Talks to /chat: a session token kept per browser, streamed turns (AI SDK UI message stream), history, events.

export type Action =
  | { type: 'complete_task' | 'break_down' | 'start_task'; taskId: string }
  | { type: 'snooze_task'; taskId: string; minutes: number }
  | { type: 'confirm' | 'cancel'; token: string };

export type OutgoingMessage =
  { text: string } | { action: Action } | { proof: { taskId: string; text?: string; imageDataUrl?: string } };

export type UiChunk = { type: string; [key: string]: unknown };
export type UiPart = { type: string; text?: string; data?: unknown };
export type UiMessage = { id: string; role: 'user' | 'assistant'; parts: UiPart[] };

export type InboxChoice = { label: string; action?: Action; text?: string };
export type InboxNotice = { id: string; kind: string; title: string; text: string; choices: InboxChoice[] };

/** `ts`: when the host site signed `userId.ts` (seconds); see docs/web-chat.md. */
export type Identity = { userId: string; ts: number; signature: string } | { jwt: string };

export class ChatError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const storage = {
  get: (key: string) => {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null; // storage blocked (private mode, sandboxed frame): a fresh anonymous session each time
    }
  },
  set: (key: string, value: string) => {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // see above
    }
  },
};

/** Calls `onEvent` for each SSE event of a streamed response body; resolves when the stream ends. */
export const readSse = async (
  response: Response,
  onEvent: (event: string, data: string) => void,
): Promise<void> => {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onEvent(event, data.join('\n'));
    }
  }
};

const errorMessage = async (response: Response): Promise<string> => {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The assistant answered ${response.status}.`;
  } catch {
    return `The assistant answered ${response.status}.`;
  }
};

const tokenKey = (base: string) => `focusforge:token:${base}`;

/** Whether this browser has talked to the server at `base` before. */
export const hasStoredSession = (base: string): boolean => storage.get(tokenKey(base)) !== null;

export const createClient = (base: string, identity: Identity | undefined) => {
  const key = tokenKey(base);
  let token = storage.get(key);

  const startSession = async (): Promise<void> => {
    const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const body = { ...(token ? { token } : {}), ...(identity ? { operator: identity } : {}), timezone };
    let response = await fetch(`${base}/chat/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status === 401 && token && !identity) {
      // The stored token is no longer valid (the operator rotated WIDGET_SECRET): start over as a new visitor.
      token = null;
      response = await fetch(`${base}/chat/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ timezone }),
      });
    }
    if (!response.ok) throw new ChatError(await errorMessage(response), response.status);
    token = ((await response.json()) as { token: string }).token;
    storage.set(key, token);
  };

  const authed = async (path: string, init: RequestInit = {}): Promise<Response> => {
    if (!token) await startSession();
    const call = () =>
      fetch(`${base}${path}`, {
        ...init,
        headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` },
      });
    let response = await call();
    if (response.status === 401) {
      await startSession();
      response = await call();
    }
    if (!response.ok) throw new ChatError(await errorMessage(response), response.status);
    return response;
  };

  return {
    startSession,
    /** Streams one turn; `onChunk` sees each UI message chunk. Throws on a dropped connection (callers retry). */
    send: async (
      messageId: string,
      message: OutgoingMessage,
      signal: AbortSignal,
      onChunk: (chunk: UiChunk) => void,
    ): Promise<void> => {
      const response = await authed('/chat/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messageId, message }),
        signal,
      });
      let finished = false;
      await readSse(response, (_event, data) => {
        if (data === '[DONE]') {
          finished = true;
          return;
        }
        const chunk = JSON.parse(data) as UiChunk;
        // "link CODE" joined this browser to another account: talk as that account from now on.
        const session = chunk.type === 'data-session' ? (chunk.data as { token?: unknown }) : null;
        if (typeof session?.token === 'string') {
          token = session.token;
          storage.set(key, token);
        }
        onChunk(chunk);
      });
      if (!finished) throw new ChatError('The connection dropped.', 0);
    },
    history: async (): Promise<UiMessage[]> =>
      ((await (await authed('/chat/history?limit=50')).json()) as { messages: UiMessage[] }).messages,
    /** Pushes reminders and check-ins until `signal` aborts or the connection ends. */
    events: async (signal: AbortSignal, onNotice: (notice: InboxNotice) => void): Promise<void> => {
      const response = await authed('/chat/events', { signal });
      await readSse(response, (event, data) => {
        if (event === 'notification') onNotice(JSON.parse(data) as InboxNotice);
      });
    },
    markRead: async (id: string): Promise<void> => {
      await authed('/chat/events/read', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id }),
      });
    },
  };
};
export type ChatClient = ReturnType<typeof createClient>;
