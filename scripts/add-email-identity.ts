// Dev helper for the OAuth scripts: links an email address to a user, as a verified first contact would.
// Usage: MONGODB_URI=… MONGODB_DB=… tsx scripts/add-email-identity.ts USER_ID EMAIL
import { MongoClient } from 'mongodb';
import { loadConfig } from '../src/config.js';
import { createDomain } from '../src/domain/create-domain.js';
import { addIdentity } from '../src/domain/identities/index.js';
import { systemClock } from '../src/shared/clock.js';

const [userId, email] = process.argv.slice(2);
const config = loadConfig();
if (!userId || !email || !config.mongodbUri) {
  console.error('usage: MONGODB_URI=… tsx scripts/add-email-identity.ts USER_ID EMAIL');
  process.exit(2);
}
const client = await MongoClient.connect(config.mongodbUri);
try {
  await addIdentity(
    createDomain(client.db(config.mongodbDb), systemClock, { isChannelConfigured: () => true }),
    { userId, via: 'cli' },
    'email',
    email,
  );
  console.log(`linked ${email} to ${userId}`);
} finally {
  await client.close();
}
