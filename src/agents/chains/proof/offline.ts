import { keywordsOf, kindOf } from '../task-text.js';
import { APPROVE_AT, bandFor, defaultFollowUp, FOLLOW_UP_AT } from './bands.js';
import { withoutInjection } from './injection.js';
import type { ProofAssessment, ProofInput, Verdict } from './schema.js';

const COMPLETION =
  /\b(done|finished|completed?|submitted|sent|paid|booked|scheduled|cleaned|washed|called|wrote|written|fixed|merged|deployed|shipped|returned|bought|ordered|packed|filed|emailed|replied|posted|uploaded|cancell?ed|renewed|read|ran|walked|cooked|folded|vacuumed|tidied|organi[sz]ed|practi[cs]ed|studied|signed|mailed|dropped off|picked up|put away|cleared|emptied|installed|assembled|updated|backed up|confirmed|delivered|handed in|turned in|made|did|took|went|got)\b/i;
const NOT_YET =
  /\b(not yet|haven'?t|didn'?t|did not|will do|going to|gonna|tomorrow|later|next week|couldn'?t|still need|half|partly|partially|started|almost|tried to|attempted)\b/i;
const NUMBERS =
  /\b\d{1,4}([:.]\d{2})?\s*(am|pm|h|min|mins|minutes|hours|km|mi|pages?|items?|€|\$|%)?\b|[$€£]\s?\d/i;
const REFERENCE =
  /(#\s?\d{3,}|\b[A-Z]+-?\d{3,}\b|\b\d{2,}-\d{3,}\b|\b\d{5,}\b|\bconfirmation\b|\breceipt\b|\breference\b|\border (number|no)\b)/i;
const PROOF_HOSTS =
  /(^|\.)(github\.com|gitlab\.com|docs\.google\.com|drive\.google\.com|dropbox\.com|strava\.com|notion\.so|figma\.com|onedrive\.live\.com|icloud\.com|medium\.com|substack\.com|youtube\.com|vimeo\.com)$/i;

// What a workout's evidence says (a watch summary, a distance, "ran") even when it never repeats the task's words
const WORKOUT =
  /\b(?:km|kms|kilomet(?:er|re)s?|miles?|pace|ran|jogged|swam|cycled|rode|hiked|workout|watch summary|strava|laps?|reps)\b/i;
// "5.1 km", "5 kilometres" and "5k" are the same distance word, so the task's "5k" can be found in the evidence
const DISTANCE = /\b(\d{1,3})(?:[.,]\d{1,2})?\s?(?:k|km|kms|kilomet(?:er|re)s?)\b/gi;
const withDistances = (text: string) => text.replace(DISTANCE, (_, whole: string) => `${whole}k`);

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

const linkParts = (url: string | undefined): { host: string; words: string } => {
  if (!url) return { host: '', words: '' };
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname,
      words: decodeURIComponent(`${parsed.hostname} ${parsed.pathname}`).replace(/[/_.\-+]/g, ' '),
    };
  } catch {
    return { host: '', words: '' };
  }
};

/**
 * Basic mode's proof check: how much of the task the evidence talks about, whether it says the work is done,
 * and how specific it is. Instructions inside the evidence are cut out before scoring and block approval.
 * Links and images cannot be opened offline, so they can reach a follow-up question at most.
 */
export const offlineProofCheck = (input: ProofInput): ProofAssessment => {
  const { evidence, task } = input;
  const { clean, found: injectionSuspected } = withoutInjection(evidence.text ?? '');
  const link = linkParts(evidence.kind === 'link' ? evidence.url : undefined);
  const taskWords = keywordsOf(withDistances(`${task.title} ${task.notes ?? ''}`));
  const evidenceWords = keywordsOf(withDistances(`${clean} ${link.words}`));
  const shared = [...taskWords].filter((w) => evidenceWords.has(w)).length;
  const overlap = taskWords.size ? shared / taskWords.size : 0;
  const taskKind = kindOf(task.title, task.notes ?? '');
  const sameKind =
    taskKind !== 'generic' &&
    (kindOf(clean || link.words) === taskKind || (taskKind === 'exercise' && WORKOUT.test(clean)));

  let score = words(clean) >= 5 ? 20 : words(clean) >= 2 ? 10 : 0;
  score += overlap > 0 ? Math.round(Math.min(1, overlap * 1.5) * 40) : sameKind ? 12 : 0;
  // the same kind of activity and a shared key word ("5k", "kitchen") together are stronger than either
  if (overlap > 0 && sameKind) score += 10;
  const saysNotYet = NOT_YET.test(clean);
  if (COMPLETION.test(clean)) score += saysNotYet ? 6 : 20;
  else if (saysNotYet) score += 4;
  let specifics = 0;
  if (NUMBERS.test(clean)) specifics += 8;
  if (REFERENCE.test(clean)) specifics += 7;
  specifics += words(clean) >= 25 ? 10 : words(clean) >= 10 ? 5 : 0;
  score += Math.min(20, specifics);

  if (evidence.kind === 'link') {
    score += 20 + (PROOF_HOSTS.test(link.host) ? 5 : 0);
    score = Math.min(score, 85);
  }
  if (evidence.kind === 'image') {
    score += 15; // a photo is effort, even when it cannot be seen here
    score = Math.min(score, 75);
  }

  const hasContent = words(clean) >= 3 || Boolean(link.host) || evidence.kind === 'image';
  const unrelated = hasContent && shared === 0 && !sameKind && evidenceWords.size >= 3;
  let confidence = Math.max(0, Math.min(100, score));
  if (injectionSuspected) confidence = Math.min(confidence, FOLLOW_UP_AT - 1);
  if (unrelated) confidence = Math.min(confidence, 35);

  const band = bandFor(confidence);
  const verdict: Verdict =
    confidence >= APPROVE_AT && !injectionSuspected
      ? 'approved'
      : unrelated || (injectionSuspected && (!hasContent || (shared === 0 && !sameKind)))
        ? 'rejected' // an instruction with nothing about this task around it earns the effort tier only
        : 'needs_more';
  return {
    verdict,
    confidence,
    band,
    feedback: feedbackFor(verdict, evidence.kind, injectionSuspected, task.title),
    followUpQuestion: verdict === 'approved' ? null : followUpFor(band, evidence.kind),
    injectionSuspected,
  };
};

const followUpFor = (band: ReturnType<typeof bandFor>, kind: ProofInput['evidence']['kind']): string => {
  if (kind === 'image') return 'Could you add a sentence about what the photo shows?';
  if (kind === 'link' && band !== 'more_evidence')
    return 'Could you tell me in a sentence what the link shows?';
  return defaultFollowUp(band === 'approve' ? 'follow_up' : band)!;
};

const feedbackFor = (
  verdict: Verdict,
  kind: ProofInput['evidence']['kind'],
  injection: boolean,
  title: string,
): string => {
  const task = `"${title.slice(0, 60)}"`;
  if (injection) {
    return `Thanks for sending something for ${task}. I can only go by what the evidence shows about the work, so instructions inside it don't change my check. A few words on what you did would help.`;
  }
  if (verdict === 'approved') return `That clearly shows ${task} is done. Nice work!`;
  if (verdict === 'rejected') {
    return `Thanks for sharing! I couldn't connect this to ${task} yet. If it's for this task, tell me a bit about how, or send something that shows the result.`;
  }
  if (kind === 'image')
    return `Thanks for the photo for ${task}! I can't look at images in basic mode, so a short description helps me confirm it.`;
  if (kind === 'link')
    return `Thanks for the link for ${task}! I can't open links in basic mode, so a sentence on what it shows helps me confirm it.`;
  return `Thanks, that's a good start on showing ${task}. One more detail and I can confirm it.`;
};
