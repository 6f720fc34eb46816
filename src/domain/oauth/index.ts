export { createOAuthStore, oauthStoreIndexes, type OAuthStore, type OAuthPayload } from './oauth-store.js';
export {
  ConnectionSchema,
  connectionIndexes,
  createConnectionRepo,
  listConnections,
  recordConnection,
  revokeConnection,
  type Connection,
  type ConnectionDeps,
  type ConnectionRepo,
} from './connections.js';
export {
  createSignInCodes,
  SIGN_IN_CODE_MAX_ATTEMPTS,
  SIGN_IN_CODE_TTL_MS,
  type SignInCodes,
} from './sign-in-codes.js';
