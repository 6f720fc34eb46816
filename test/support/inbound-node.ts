// A worker node with one test channel, for the inbound queue's crash test: run with `node --import tsx`.
// Its channel records each reply it sends in the `test_replies` collection. For the message id in INBOUND_HANG_ON
// it records `test_reached` and then never finishes sending, so the test can SIGKILL it between the turn and the reply.
import { loadConfig } from '../../src/config.js';
import { createDeps, startWorker } from '../../src/main.js';

const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
const deps = await createDeps(config);
const node = process.env.INBOUND_NODE ?? 'node';
deps.channels.register({
  channel: 'sms',
  budget: { maxChars: 320, maxListItems: 3 },
  deliverReply: async (job, reply) => {
    const db = deps.database.db;
    if (job.messageId === process.env.INBOUND_HANG_ON) {
      await db.collection('test_reached').insertOne({ node, messageId: job.messageId, replyId: reply.id });
      await new Promise(() => undefined); // the process dies here
    }
    await db
      .collection('test_replies')
      .insertOne({ node, messageId: job.messageId, replyId: reply.id, text: reply.text });
  },
});
await startWorker(deps);
console.log('inbound node ready');
