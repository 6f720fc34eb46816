// Basic mode's words for feelings and chatter. For people with ADHD a wrong answer to "I'm useless" does harm, so
// these come first and are fixed, kind and shame-free: no "should", nothing is late, worth is never in question.

export type VentKind = 'self_criticism' | 'overwhelm' | 'low';
export type ChatKind = 'goodnight' | 'thanks' | 'ack' | 'how_are_you' | 'praise' | 'sorry' | 'selfcare';

/** Which kind of hard feeling a message voices; the rules are narrow, the default is simply "low". */
export const ventKindOf = (lower: string): VentKind => {
  if (
    /\b(?:useless|worthless|failure|failed|fail|hopeless|pathetic|stupid|idiot|lazy|a mess|a disaster|the worst|a joke|hate myself|wrong with me|messed|screwed|ruined|never get|never finish|can't do anything|give up)\b/.test(
      lower,
    )
  )
    return 'self_criticism';
  if (
    /\b(?:overwhelm\w*|paralysis|paraly[sz]ed|frozen|staring at|start anything|a lot|so much|too much|drowning|behind|can't cope|cannot cope|can't keep up|can't handle|at once)\b/.test(
      lower,
    )
  )
    return 'overwhelm';
  return 'low';
};

export const ventReply: Record<VentKind, string> = {
  self_criticism:
    "I'm sorry it feels that way right now. You're not useless: a hard day or a missed thing says nothing about " +
    "your worth, and ADHD makes some things genuinely harder. Be as kind to yourself as you'd be to a friend. " +
    'When you feel ready, we can pick one tiny thing together, or just rest for now.',
  overwhelm:
    "That's a lot to carry, and feeling overwhelmed makes sense. You don't have to do it all today, just one " +
    'small thing, and only if you want to.',
  low: 'Thanks for telling me. That sounds hard. We can keep things small and gentle today.',
};

/** The lead-in to a suggestion offered after a hard feeling. */
export const offerLine = 'If it helps, here is one small place to start:';

export const chatKindOf = (lower: string): ChatKind => {
  if (
    /\bhyperfocus\w*|\bforgot (?:to|about) (?:eat|drink|have|lunch|breakfast|dinner|sleep|pee|take)\b/.test(
      lower,
    )
  )
    return 'selfcare';
  if (
    /\b(?:good ?night|night|bye|goodbye|see (?:you|ya)|ttyl|talk (?:to you )?(?:later|tomorrow|soon)|bed|sleep|signing off)\b/.test(
      lower,
    )
  )
    return 'goodnight';
  if (/\b(?:thanks|thank|cheers|appreciate)\b/.test(lower)) return 'thanks';
  if (/\bhow (?:are|r) (?:you|u)\b/.test(lower)) return 'how_are_you';
  if (/\b(?:good job|well done|you'?re|love)\b/.test(lower)) return 'praise';
  if (/^(?:sorry|my bad|oops)\b/.test(lower)) return 'sorry';
  return 'ack';
};

export const chatReply: Record<ChatKind, string> = {
  goodnight: "Good night! Whatever got done today is enough. Rest well, and I'll be here tomorrow.",
  thanks: "You're welcome! I'm here whenever you need me.",
  ack: "👍 I'm here whenever you need me.",
  how_are_you: "I'm here and ready to help. How are you doing today?",
  praise: "Thank you, that's kind! You're the one doing the work.",
  selfcare:
    'Hyperfocus happens, and it sounds like you got deep into something. Nothing to feel bad about. Maybe grab ' +
    'something to eat and a glass of water now; your brain will thank you.',
  sorry: 'No need to apologise, nothing is lost. What would you like to do?',
};

/** One short question when basic mode cannot tell what a message wants: never a list of features. */
export const clarifyQuestion = (text: string): { question: string; title: string | null } => {
  const words = text.trim().replace(/[.!]+$/, '');
  const isQuestion =
    /\?\s*$/.test(words) || /^(?:what|why|how|when|where|who|is|are|can|could|do|does)\b/i.test(words);
  const count = words.split(/\s+/).length;
  if (!isQuestion && count <= 8 && /\p{L}{2}/u.test(words)) {
    const title = words.charAt(0).toUpperCase() + words.slice(1);
    return { question: `Should I add “${title.slice(0, 80)}” to your list?`, title: title.slice(0, 200) };
  }
  return {
    question: "I didn't quite catch that. Is it something to do, or something on your mind?",
    title: null,
  };
};
