import type { Db } from 'mongodb';
import type { Clock } from '../shared/clock.js';
import type { CollectionIndexes } from '../shared/db.js';
import { auditIndexes, createAuditLog, type AuditLog } from './audit/audit-log.js';
import { createIdentityRepo, identityIndexes, type IdentityRepo } from './identities/index.js';
import { createPointsLedger, ledgerIndexes, type PointsLedger } from './gamification/points-ledger.js';
import { createTokenRepo, tokenIndexes, type TokenRepo } from './tokens/token-repo.js';
import { createUserRepo, userIndexes, type UserRepo } from './users/user-repo.js';

/** Every repository the use cases may ask for. Each use case names the few it needs. */
export type Domain = {
  clock: Clock;
  audit: AuditLog;
  users: UserRepo;
  tokens: TokenRepo;
  identities: IdentityRepo;
  ledger: PointsLedger;
};

export const createDomain = (db: Db, clock: Clock): Domain => ({
  clock,
  audit: createAuditLog(db, clock),
  users: createUserRepo(db),
  tokens: createTokenRepo(db),
  identities: createIdentityRepo(db),
  ledger: createPointsLedger(db, clock),
});

/** All indexes of all collections, ensured at start-up. */
export const domainIndexes: CollectionIndexes[] = [auditIndexes, userIndexes, tokenIndexes, ledgerIndexes, ...identityIndexes];
