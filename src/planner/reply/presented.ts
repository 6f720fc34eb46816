import type { ReplyPart } from '../conversation-types.js';

/** What one tool outcome adds to a reply: lines of text, parts, and the task it was about. */
export type Presented = { lines: string[]; parts: ReplyPart[]; taskId?: string | null };
