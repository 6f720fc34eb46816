import type { Channel } from '../domain/channel.js';
import type { ChannelSender } from '../domain/notifications/channel-sender.js';
import type { ChannelAdapter } from './contract.js';

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
    /** Outbound senders by channel, for reminders and check-ins; it grows as channels register. */
    senders: senders as ReadonlyMap<Channel, ChannelSender>,
  };
};
export type ChannelRegistry = ReturnType<typeof createChannelRegistry>;
