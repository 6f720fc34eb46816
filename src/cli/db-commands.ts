import type { Command } from './command.js';

/** `db migrate`: the database itself, without building the app. */
export const dbCommands: Record<string, Command> = {
  'db migrate': async (config) => {
    const { migrateLocalSqlite } = await import('../dev/migrate-local.js');
    const done = await migrateLocalSqlite(config, (line) => console.log(line));
    console.log(
      `Migrated ${done.collections} collections: ${done.copied} documents copied, ${done.kept} already there`,
    );
    return 0;
  },
};
