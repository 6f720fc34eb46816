import { createDeps, startServer, startWorker } from '../main.js';
import { required } from './args.js';
import type { Command } from './command.js';

/** The commands that keep running: the server, a worker node, MCP over stdio, the SMS simulator. */
export const processCommands: Record<string, Command> = {
  serve: async (config) => {
    await startServer(await createDeps(config));
    return -1; // keep running until a signal
  },
  worker: async (config) => {
    await startWorker(await createDeps(config));
    return -1;
  },
  mcp: async (config) => {
    const { runMcpCommand } = await import('./mcp.js');
    await runMcpCommand(config);
    return -1;
  },
  'sms-sim': async (config, { values }) => {
    const { runSmsSim } = await import('./sms-sim.js');
    return runSmsSim(config, required(values.from, '--from'));
  },
};
