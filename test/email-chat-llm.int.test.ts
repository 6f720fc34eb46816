import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedOpenAiServer } from './support/scripted-openai-server.js';
import { partsOf, startScriptedPlannerEnv, type PlannerTestEnv } from './support/planner-env.js';
import { eventually } from './support/jobs-env.js';
import { startSmtpRecorder } from './support/smtp-recorder.js';

// Issue 22, email through the LLM tool path: the model reaches email through update_profile (no tool of its own),
// and an address or a code the person typed runs at once, without a yes/no question.

let server: ScriptedOpenAiServer;
let env: PlannerTestEnv;
let smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;
beforeAll(async () => {
  smtp = await startSmtpRecorder();
  ({ server, env } = await startScriptedPlannerEnv({
    LLM_API_KEY: 'sk-test-planner',
    SMTP_URL: smtp.url,
    EMAIL_FROM: 'FocusForge <hello@focusforge.test>',
  }));
});
afterEach(() => server.reset());
afterAll(async () => {
  await env?.close();
  await server?.close();
  await smtp?.close();
});

/** The model calls update_profile with `args` once, then says `words`. */
const modelCalls = (args: Record<string, unknown>, words: string) =>
  server.respondWith((request) =>
    request.messages.some((m) => m.role === 'tool')
      ? { kind: 'text', content: words }
      : { kind: 'tool_call', name: 'update_profile', args },
  );

describe('email by the LLM path', () => {
  it('sends a code for the address the person gave and verifies the code they type', async () => {
    const user = await env.newUser();
    modelCalls({ email: 'lia@example.com' }, 'I sent you a code.');
    const asked = await env.say(user, 'my email is lia@example.com');
    expect(asked.reply.basicMode).toBe(false);
    expect(partsOf(asked.reply, 'choices')).toHaveLength(0); // no confirmation question
    const mail = await eventually('the code mail', async () =>
      smtp.received.find((m) => m.to.includes('lia@example.com')),
    );
    const code = /Your code is (\d{6})/.exec(mail.raw.replace(/=\r?\n/g, ''))?.[1];
    expect(code).toMatch(/^\d{6}$/);

    // A code alone is checked by the rules; the model is not asked (a small one suggested a task instead).
    modelCalls({}, 'Here is your profile.');
    const requests = server.chatRequests().length;
    const verified = await env.say(user, `Verify ${code}`);
    expect(server.chatRequests()).toHaveLength(requests);
    expect(verified.reply.text).toMatch(/Verified! I'll use lia@example.com/);
    const identities = await env.deps().domain.identities.list(user);
    expect(identities.filter((i) => i.channel === 'email').map((i) => i.address)).toEqual([
      'lia@example.com',
    ]);
  });
});
