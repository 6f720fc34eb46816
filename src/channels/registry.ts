import type { Channel, ChannelSender } from '../domain/index.js';
import { CHANNEL_BUDGETS } from './budgets.js';
import type { ChannelAdapter, ChannelBudget } from './contract.js';

/** The channels this process runs: registered once at start-up (src/main.ts), each only when it is configured. */
export const createChannelRegistry = () => {
  const adapters = new Map<Channel, ChannelAdapter>();
  const senders = new Map<Channel, ChannelSender>();
  return {
    register: (adapter: ChannelAdapter): void => {
      if (adapters.has(adapter.channel))
        throw new Error(`the ${adapter.channel} channel is registered twice`); // a wiring mistake, not a request's
      adapters.set(adapter.channel, adapter);
      if (adapter.sender) senders.set(adapter.channel, adapter.sender);
    },
    get: (channel: Channel): ChannelAdapter | undefined => adapters.get(channel),
    /** True when the channel can reach people from this deployment (its settings are present). */
    isConfigured: (channel: Channel): boolean => adapters.has(channel),
    list: (): ChannelAdapter[] => [...adapters.values()],
    /** The registered adapter's budget, or the medium's usual one when this node does not run that channel. */
    budgetOf: (channel: Channel): ChannelBudget => adapters.get(channel)?.budget ?? CHANNEL_BUDGETS[channel],
    /** Outbound senders by channel, for reminders and check-ins; it grows as channels register. */
    senders: senders as ReadonlyMap<Channel, ChannelSender>,
  };
};
export type ChannelRegistry = ReturnType<typeof createChannelRegistry>;
