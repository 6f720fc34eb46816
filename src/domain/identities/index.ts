export {
  addIdentity,
  consumeLinkCode,
  createLinkCode,
  linkIdentityWithCode,
  listIdentities,
  removeIdentity,
  resolveIdentity,
} from './identities.js';
export { createIdentityRepo, identityIndexes, type IdentityRepo } from './identity-repo.js';
export {
  IdentitySchema,
  LinkCodeSchema,
  normalizeAddress,
  type Identity,
  type LinkCode,
} from './identity-schemas.js';
