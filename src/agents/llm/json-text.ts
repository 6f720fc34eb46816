/**
 * The JSON value in a model's text reply: the whole text, a fenced ```json block, or the outermost {...} span.
 * Servers without structured output often wrap JSON in prose or code fences. Returns undefined when none parses.
 */
export const extractJson = (text: string): unknown => {
  const candidates: string[] = [text.trim()];
  const fenced = /```(?:json)?([\s\S]*?)```/i.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(text.slice(start, end + 1));
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next form
    }
  }
  return undefined;
};

/** The text of a message's content, whether a string or a list of content parts. */
export const textOf = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'text'
        ? String((part as { text?: unknown }).text ?? '')
        : '',
    )
    .join('');
};
