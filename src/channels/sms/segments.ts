// SMS length rules: a message is GSM-7 (160 septets, 153 per part when split) unless one character is outside that
// alphabet, and then the whole message is UCS-2 (70 UTF-16 units, 67 per part): one emoji halves the budget.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export const encodingOf = (text: string): SmsEncoding => {
  for (const ch of text) if (!basic.has(ch) && !extended.has(ch)) return 'UCS-2';
  return 'GSM-7';
};

/** Length in the encoding's units: septets (extended characters take two) or UTF-16 code units. */
const unitsOf = (text: string, encoding: SmsEncoding): number => {
  if (encoding === 'UCS-2') return text.length;
  let units = 0;
  for (const ch of text) units += extended.has(ch) ? 2 : 1;
  return units;
};

const single = { 'GSM-7': 160, 'UCS-2': 70 } as const;
const part = { 'GSM-7': 153, 'UCS-2': 67 } as const;

/** How many SMS segments `text` is billed as. */
export const segmentCount = (text: string): number => {
  const encoding = encodingOf(text);
  const units = unitsOf(text, encoding);
  if (units === 0) return 1;
  return units <= single[encoding] ? 1 : Math.ceil(units / part[encoding]);
};

/** The most units `segments` segments carry in an encoding. */
export const capacityOf = (encoding: SmsEncoding, segments: number): number =>
  segments <= 1 ? single[encoding] : part[encoding] * segments;

// Typographic punctuation a model likes, in GSM-7 spelling: keeps an otherwise plain reply at 153 characters a part.
const PLAIN: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u2022': '-',
};

/** Swaps typographic punctuation for its GSM-7 spelling. */
export const toPlainPunctuation = (text: string): string =>
  text.replace(/[\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00A0\u2022]/g, (ch) => PLAIN[ch] ?? ch);

/** Cuts `text` to at most `maxUnits` units of `encoding`, at a sentence or word end where one is near, marked "...". */
export const truncateToUnits = (text: string, encoding: SmsEncoding, maxUnits: number): string => {
  if (unitsOf(text, encoding) <= maxUnits) return text;
  const room = Math.max(0, maxUnits - 3);
  // Walk by code point so a surrogate pair (an emoji) is never split.
  let cut = '';
  let units = 0;
  for (const ch of text) {
    const size = encoding === 'UCS-2' ? ch.length : extended.has(ch) ? 2 : 1;
    if (units + size > room) break;
    cut += ch;
    units += size;
  }
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('\n'));
  const word = cut.lastIndexOf(' ');
  const at = sentence > room * 0.6 ? sentence + 1 : word > room * 0.6 ? word : cut.length;
  return `${cut.slice(0, at).trimEnd()}...`;
};

/** Cuts `text` to fit `segments` segments. */
export const fitSegments = (text: string, segments: number): string => {
  if (segmentCount(text) <= segments) return text;
  const encoding = encodingOf(text);
  return truncateToUnits(text, encoding, capacityOf(encoding, segments));
};

export { unitsOf };
