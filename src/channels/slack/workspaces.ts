import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Db } from 'mongodb';
import type { Clock, CollectionIndexes } from '../../shared/index.js';

/** What we need to act in one workspace. */
export type WorkspaceBot = { teamId: string; token: string; botUserId: string | undefined };

/**
 * Where bot tokens come from: the one configured token (single workspace) or the installations stored by the
 * OAuth flow, per team, encrypted at rest.
 */
export type SlackWorkspaces = {
  botFor: (teamId: string) => Promise<WorkspaceBot | null>;
  /** Bolt's InstallationStore (OAuth mode only). */
  installationStore: InstallationStore | undefined;
  /** `app_uninstalled` / `tokens_revoked`: forget the team's token. */
  remove: (teamId: string) => Promise<boolean>;
};

type InstallationDoc = {
  _id: string;
  /** `v1:` + base64(iv | tag | AES-256-GCM ciphertext) of the whole Installation JSON (tokens included). */
  sealed: string;
  botUserId: string | null;
  installedAt: Date;
};

export const SLACK_INSTALLATIONS = 'slack_installations';
export const slackIndexes: CollectionIndexes = { collection: SLACK_INSTALLATIONS, indexes: [] };

/** AES-256-GCM: a stolen database copy holds no usable token without the key from config. */
export const sealSecret = (key: Buffer, plain: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
};

export const openSecret = (key: Buffer, sealed: string): string => {
  const raw = Buffer.from(sealed.replace(/^v1:/, ''), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
};

const teamOf = (query: InstallationQuery<boolean>) =>
  query.isEnterpriseInstall ? (query.enterpriseId ?? '') : (query.teamId ?? '');

/** Installations in MongoDB, one document per team (or enterprise for org-wide installs). */
export const createStoredWorkspaces = (db: Db, clock: Clock, tokenKey: Buffer): SlackWorkspaces => {
  const collection = db.collection<InstallationDoc>(SLACK_INSTALLATIONS);
  const load = async (teamId: string): Promise<Installation | null> => {
    const doc = await collection.findOne({ _id: teamId });
    return doc ? (JSON.parse(openSecret(tokenKey, doc.sealed)) as Installation) : null;
  };
  const installationStore: InstallationStore = {
    storeInstallation: async (installation) => {
      const teamId = installation.isEnterpriseInstall
        ? (installation.enterprise?.id ?? '')
        : (installation.team?.id ?? '');
      const doc = {
        sealed: sealSecret(tokenKey, JSON.stringify(installation)),
        botUserId: installation.bot?.userId ?? null,
        installedAt: clock.now(),
      };
      await collection.updateOne({ _id: teamId }, { $set: doc }, { upsert: true });
    },
    fetchInstallation: async (query) => {
      const found = await load(teamOf(query));
      if (!found) throw new Error(`no Slack installation for ${teamOf(query)}`);
      return found;
    },
    deleteInstallation: async (query) => {
      await collection.deleteOne({ _id: teamOf(query) });
    },
  };
  return {
    installationStore,
    botFor: async (teamId) => {
      const installation = await load(teamId);
      const token = installation?.bot?.token;
      return token ? { teamId, token, botUserId: installation.bot?.userId } : null;
    },
    remove: async (teamId) => (await collection.deleteOne({ _id: teamId })).deletedCount === 1,
  };
};

/** Single-workspace mode: the configured bot token answers for every team id Slack sends. */
export const createSingleWorkspace = (botToken: string): SlackWorkspaces => ({
  installationStore: undefined,
  botFor: (teamId) => Promise.resolve({ teamId, token: botToken, botUserId: undefined }),
  remove: () => Promise.resolve(false),
});
