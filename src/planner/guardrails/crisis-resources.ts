import type { Channel } from '../../domain/index.js';

/**
 * Crisis lines per ISO 3166 country code, plus `*` for the line everyone is shown. Operators add or replace
 * entries with CRISIS_RESOURCES (docs/safety.md); these are the defaults.
 */
export type CrisisResources = Record<string, string[]>;

export const DEFAULT_CRISIS_RESOURCES: CrisisResources = {
  US: ['US: call or text 988 (Suicide & Crisis Lifeline), any time'],
  GB: ['UK: Samaritans, free on 116 123, any time'],
  IE: ['Ireland: Samaritans, free on 116 123, any time'],
  '*': ['Anywhere: your local emergency number, or findahelpline.com for a free line near you'],
};

/** Countries shown next to the generic line when the person's country is unknown. */
const SHOWN_WHEN_UNKNOWN = ['US', 'GB'];

// A person's profile has a time zone, not a country; the zone names the country well enough to pick a phone line.
// Listed: the countries most likely to be configured. Anything else counts as unknown (the generic line and US/UK).
const zonePrefixes: [string, string][] = [
  ['America/Indiana/', 'US'],
  ['America/Kentucky/', 'US'],
  ['America/North_Dakota/', 'US'],
  ['US/', 'US'],
  ['Canada/', 'CA'],
  ['Australia/', 'AU'],
];
const zoneCountries: Record<string, string> = {
  ...Object.fromEntries(
    [
      'New_York',
      'Chicago',
      'Denver',
      'Los_Angeles',
      'Phoenix',
      'Anchorage',
      'Adak',
      'Boise',
      'Detroit',
      'Juneau',
      'Sitka',
      'Metlakatla',
      'Nome',
      'Yakutat',
      'Menominee',
      'Indianapolis',
      'Louisville',
      'Puerto_Rico',
    ].map((city) => [`America/${city}`, 'US']),
  ),
  'Pacific/Honolulu': 'US',
  'Europe/London': 'GB',
  'Europe/Belfast': 'GB',
  'Europe/Jersey': 'GB',
  'Europe/Guernsey': 'GB',
  'Europe/Isle_of_Man': 'GB',
  GB: 'GB',
  'Europe/Dublin': 'IE',
  Eire: 'IE',
  ...Object.fromEntries(
    [
      'Toronto',
      'Vancouver',
      'Edmonton',
      'Winnipeg',
      'Halifax',
      'St_Johns',
      'Regina',
      'Montreal',
      'Moncton',
    ].map((city) => [`America/${city}`, 'CA']),
  ),
  'Pacific/Auckland': 'NZ',
  NZ: 'NZ',
  'Europe/Berlin': 'DE',
  'Europe/Paris': 'FR',
  'Europe/Madrid': 'ES',
  'Europe/Rome': 'IT',
  'Europe/Amsterdam': 'NL',
  'Europe/Brussels': 'BE',
  'Europe/Vienna': 'AT',
  'Europe/Zurich': 'CH',
  'Europe/Stockholm': 'SE',
  'Europe/Oslo': 'NO',
  'Europe/Copenhagen': 'DK',
  'Europe/Helsinki': 'FI',
  'Europe/Warsaw': 'PL',
  'Europe/Lisbon': 'PT',
  'Asia/Kolkata': 'IN',
  'Asia/Calcutta': 'IN',
  'Asia/Tokyo': 'JP',
  'Asia/Singapore': 'SG',
  'America/Sao_Paulo': 'BR',
  'America/Mexico_City': 'MX',
  'Africa/Johannesburg': 'ZA',
};

/** The country a time zone belongs to, when it says (UTC and most zones do not). */
export const countryOfTimeZone = (timezone: string): string | null =>
  zoneCountries[timezone] ?? zonePrefixes.find(([prefix]) => timezone.startsWith(prefix))?.[1] ?? null;

/** The lines to show a person: their country's and the generic one, or the generic one plus US and UK. */
export const crisisLinesFor = (
  resources: CrisisResources,
  timezone: string,
): { region: string; lines: string[] } => {
  const country = countryOfTimeZone(timezone);
  const generic = resources['*'] ?? [];
  if (country && resources[country]) return { region: country, lines: [...resources[country], ...generic] };
  return {
    region: 'unknown',
    lines: [...generic, ...SHOWN_WHEN_UNKNOWN.flatMap((code) => resources[code] ?? [])],
  };
};

/**
 * The reply: care first, the lines early (an SMS keeps them within its two segments), what the assistant is and is
 * not, and an open door. No task, no points, no advice beyond reaching a person.
 */
export const crisisReplyText = (lines: string[], channel: Channel): string => {
  const list = lines.map((line) => `• ${line}`).join('\n');
  if (channel === 'sms')
    return `I'm so sorry it's this hard. Please reach a person now:\n${list}\nI'm here too.`;
  return (
    "I'm really sorry you're feeling this way, and I'm glad you told me. You don't have to carry this alone: " +
    `people are there to talk with you right now, for free:\n${list}\n` +
    'If you might act on these thoughts or are in danger, please call your local emergency number now. ' +
    "I'm an assistant, not a counsellor, but I'm here and I'll listen. Nothing on your list matters more than you " +
    "right now. If you'd like, tell me a little about what's going on."
  );
};
