import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for a local run', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      mongodbDb: 'focusforge',
    });
    expect(config.mongodbUri).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', REDIS_URL: '  ' })).toMatchObject({
      mongodbUri: undefined,
      redisUrl: undefined,
    });
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '99999', MONGODB_URI: 'postgres://x', REDIS_URL: 'http://x', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'MONGODB_URI', 'REDIS_URL', 'NODE_ENV']) expect(problems).toContain(name);
    expect((error as ConfigError).message).toMatch(/^Invalid configuration:/);
  });

  it('reads the web chat settings, defaulting the allowed origins to PUBLIC_URL', () => {
    expect(loadConfig({}).chat).toEqual({
      widgetSecret: undefined,
      allowedOrigins: [],
      messagesPerMinute: 30,
      requestsPerMinutePerIp: 300,
      anonymousSessionsPerMinute: 120,
      eventStreamsPerUser: 3,
      anonymousIdleHours: 24,
      operatorMaxAgeSeconds: 86_400,
    });
    expect(loadConfig({ PUBLIC_URL: 'https://focus.example.com/app' }).chat.allowedOrigins).toEqual([
      'https://focus.example.com',
    ]);
    const chat = loadConfig({
      CHAT_ALLOWED_ORIGINS: 'https://shop.example.com/, http://localhost:5173',
      CHAT_RATE_LIMIT_MESSAGES: '5',
    }).chat;
    expect(chat).toMatchObject({
      allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'],
      messagesPerMinute: 5,
    });
    expect(() => loadConfig({ CHAT_ALLOWED_ORIGINS: 'shop.example.com' })).toThrow(
      /CHAT_ALLOWED_ORIGINS: must be origins/,
    );
    expect(() => loadConfig({ WIDGET_SECRET: 'short' })).toThrow(
      /WIDGET_SECRET: must be at least 32 characters/,
    );
  });

  it('reads the proof photo limits and the allowed image hosts (none by default: uploads only)', () => {
    expect(loadConfig({}).proofImages).toEqual({
      maxBytes: 5_000_000,
      quotaCount: 30,
      quotaBytes: 60_000_000,
      retentionDays: 30,
      urlHosts: [],
    });
    expect(
      loadConfig({ PROOF_IMAGE_URL_HOSTS: 'Images.Example.com, cdn.example.org' }).proofImages.urlHosts,
    ).toEqual(['images.example.com', 'cdn.example.org']);
    expect(() => loadConfig({ PROOF_IMAGE_URL_HOSTS: 'https://images.example.com' })).toThrow(
      /PROOF_IMAGE_URL_HOSTS: must be hostnames/,
    );
    expect(() => loadConfig({ PROOF_IMAGE_MAX_BYTES: '20000000' })).toThrow(/PROOF_IMAGE_MAX_BYTES/);
  });

  it("reads the planner's external MCP servers as a JSON list, rejecting bad entries clearly", () => {
    expect(loadConfig({}).plannerMcpServers).toEqual([]);
    const servers = [
      { name: 'calendar', url: 'https://mcp.example.com/mcp', headers: { authorization: 'Bearer s3cret' } },
    ];
    expect(loadConfig({ PLANNER_MCP_SERVERS: JSON.stringify(servers) }).plannerMcpServers).toEqual(servers);
    expect(() => loadConfig({ PLANNER_MCP_SERVERS: '[{name: calendar}]' })).toThrow(
      /PLANNER_MCP_SERVERS: must be a JSON list/,
    );
    expect(() =>
      loadConfig({ PLANNER_MCP_SERVERS: '[{"name":"Cal Endar","url":"https://x.example"}]' }),
    ).toThrow(/PLANNER_MCP_SERVERS.*name: lowercase/);
    expect(() => loadConfig({ PLANNER_MCP_SERVERS: '[{"name":"cal","url":"ftp://x.example"}]' })).toThrow(
      /PLANNER_MCP_SERVERS/,
    );
  });

  it('reads crisis lines per country as JSON, rejecting bad keys and empty lists clearly', () => {
    expect(loadConfig({}).crisisResources).toEqual({});
    const lines = { DE: ['TelefonSeelsorge: 0800 111 0 111'], '*': ['your local emergency number'] };
    expect(loadConfig({ CRISIS_RESOURCES: JSON.stringify(lines) }).crisisResources).toEqual(lines);
    expect(() => loadConfig({ CRISIS_RESOURCES: '{DE: 1}' })).toThrow(/CRISIS_RESOURCES: must be JSON/);
    expect(() => loadConfig({ CRISIS_RESOURCES: '{"germany":["x"]}' })).toThrow(/two-letter country codes/);
    expect(() => loadConfig({ CRISIS_RESOURCES: '{"DE":[]}' })).toThrow(/CRISIS_RESOURCES/);
  });

  it('never echoes a secret-bearing value back in its messages', () => {
    try {
      loadConfig({ MONGODB_URI: 'ftp://admin:hunter2@db' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});
