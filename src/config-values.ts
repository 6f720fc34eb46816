import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

// Parsers for single environment values: each turns one variable's text into a checked value, with a message that
// says what the variable should look like.

export const port = z.coerce.number().int().min(0).max(65535);
export const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    });

/** A comma-separated list: items trimmed, normalized, empty ones dropped. */
const commaList = (normalize: (item: string) => string = (item) => item) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((item) => normalize(item.trim()))
        .filter(Boolean),
    );

/** Comma-separated hostnames (no scheme, no port; IPv6 in brackets), e.g. `focus.example.com,localhost`. */
export const hostnameList = commaList((h) => h.toLowerCase()).refine(
  (hosts) => hosts.every((h) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(h)),
  {
    message:
      'must be hostnames separated by commas, without scheme or port (e.g. focus.example.com,localhost)',
  },
);

/** Comma-separated origins (`https://shop.example.com,http://localhost:5173`) or `*` for any site. */
export const originList = commaList((o) => o.replace(/\/+$/, '')).refine(
  (origins) =>
    origins.every((o) => o === '*' || /^https?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(o)),
  {
    message:
      'must be origins separated by commas, like https://shop.example.com,http://localhost:5173 (or * for any site)',
  },
);

/** A JSON list of external MCP servers for the planner: [{"name":"calendar","url":"https://…/mcp","headers":{…}}]. */
export const plannerMcpServerList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v?.trim()) return [];
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON list like [{"name":"calendar","url":"https://mcp.example.com/mcp"}]',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(
        z.strictObject({
          name: z
            .string()
            .regex(
              /^[a-z][a-z0-9]{0,19}$/,
              'name: lowercase letters and digits, starting with a letter, at most 20',
            ),
          url: z.url({ protocol: /^https?$/ }),
          headers: z.record(z.string(), z.string()).optional(),
        }),
      )
      .max(10),
  );

export const optionalText = z
  .string()
  .trim()
  .max(500)
  .optional()
  .transform((v) => (v ? v : undefined));

export type LlmPrice = { inputPer1k: number; outputPer1k: number };

/** `model=input:output,...` in USD per 1,000 tokens, e.g. `gpt-4o-mini=0.00015:0.0006,gpt-4o=0.0025:0.01`. */
export const priceList = commaList().transform((items, ctx) => {
  const prices: Record<string, LlmPrice> = {};
  for (const item of items) {
    const match = /^([^=\s]+)=(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(item);
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: 'must look like model=input:output per 1k tokens, e.g. gpt-4o-mini=0.00015:0.0006',
      });
      return prices;
    }
    prices[match[1]!] = { inputPer1k: Number(match[2]), outputPer1k: Number(match[3]) };
  }
  return prices;
});

/** Crisis lines as JSON, per ISO country code or `*` for everyone: {"DE":["TelefonSeelsorge: 0800 111 0 111"]}. */
export const crisisResourceMap = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v?.trim()) return {};
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be JSON like {"US":["call or text 988"],"*":["your local emergency number"]}',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(z.string(), z.array(z.string().trim().min(1).max(200)).min(1).max(5))
      .refine((lines) => Object.keys(lines).every((key) => /^(?:[A-Z]{2}|\*)$/.test(key)), {
        message: 'keys must be two-letter country codes in capitals (US, GB, DE) or *',
      }),
  );

/** Comma-separated phone numbers in international format, normalized to E.164 (`+14155550123,+447700900123`). */
export const phoneNumberList = commaList((n) =>
  n ? (parsePhoneNumberFromString(n)?.number ?? `!${n}`) : '',
).refine((numbers) => numbers.every((n) => !n.startsWith('!')), {
  message: 'must be phone numbers in international format separated by commas, like +14155550123',
});
