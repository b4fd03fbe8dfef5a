// Replies to a question we asked by SMS (seat confirmation, arrival check, follow-up survey): normalised, then matched.
import { foldKeyword, parseKeyword, type KeywordAction } from './keywords.js';

export const CONVERSATION_PURPOSES = ['seat_confirmation', 'arrival_check', 'follow_up_survey'] as const;
export type ConversationPurpose = (typeof CONVERSATION_PURPOSES)[number];

/**
 * A numeric answer. Seat confirmation and arrival check have two (seat 1 confirm / 2 give up this date;
 * arrival 1 safe / 2 we need help); a follow-up survey question has as many as it defines (survey.ts, at most 5).
 */
export type ReplyAnswer = 1 | 2 | 3 | 4 | 5;
/** How many answers a question has when the conversation does not say (seat confirmation, arrival check). */
export const DEFAULT_CHOICES = 2;

// Whole-reply words that mean the digit, per purpose. Folded like keywords (letter variants, no marks).
// "no" to "did you arrive safely?" reads as "we need help": a flag a case worker clears is the safe error.
const ANSWER_WORDS: Readonly<Record<ConversationPurpose, Readonly<Partial<Record<ReplyAnswer, readonly string[]>>>>> = {
  seat_confirmation: {
    1: [
      'yes', 'confirm', 'confirmed', 'ok', 'okay',
      'نعم', 'ايوه', 'اي', 'اكيد', 'تاكيد', 'اؤكد', 'موافق', 'جاي', 'جايين',
      'بەڵێ', 'بەلێ', 'ئا', 'دڵنیام', 'پشتڕاستە', 'دێین',
      'erê', 'ere', 'belê', 'bele', 'temam', 'tê', 'em tên',
    ],
    2: [
      'no', 'decline', 'give up',
      'لا', 'اعتذر', 'نعتذر', 'مو جاي', 'ما رح نجي',
      'نەخێر', 'نا', 'نایەین',
      'na', 'nayêm', 'em nayên',
    ],
  },
  arrival_check: {
    1: [
      'yes', 'safe', 'arrived', 'ok', 'okay',
      'نعم', 'وصلنا', 'وصلنا بالسلامه', 'بخير', 'الحمد لله', 'الحمدلله',
      'بەڵێ', 'بەلێ', 'گەیشتین', 'باشین',
      'erê', 'ere', 'belê', 'gihîştin', 'em gihîştin', 'baş in',
    ],
    2: [
      'no', 'help', 'need help',
      'لا', 'مساعده', 'نحتاج مساعده', 'ساعدونا',
      'نەخێر', 'نا', 'یارمەتی', 'یارمەتیمان دەوێت',
      'na', 'alîkarî', 'alikari', 'hewceyê alîkariyê',
    ],
  },
  // The survey's questions differ from one to the next: digits only, no words (a word would mean
  // something else for each question).
  follow_up_survey: {},
};

const DIGIT_ZERO = { arabicIndic: 0x0660, persian: 0x06f0 } as const;

/** Digits to 0-9, letters folded to one form, no marks, lower case, punctuation as spaces, single spaces. */
export function normaliseReply(text: string): string {
  const latinDigits = text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= DIGIT_ZERO.persian ? code - DIGIT_ZERO.persian : code - DIGIT_ZERO.arabicIndic);
  });
  return (
    latinDigits
      // Punctuation, symbols (emoji), invisible marks between words: spaces; foldKeyword drops the rest.
      .replace(/[\p{P}\p{S}\p{C}\p{Z}\s]+/gu, ' ')
      .split(' ')
      .map((word) => foldKeyword(word))
      .filter((word) => word.length > 0)
      .join(' ')
  );
}

const WORDS: ReadonlyMap<string, ReadonlyMap<string, ReplyAnswer>> = new Map(
  Object.entries(ANSWER_WORDS).map(([purpose, answers]) => [
    purpose,
    new Map(
      ([1, 2] as const).flatMap((answer) => (answers[answer] ?? []).map((word) => [normaliseReply(word), answer] as const)),
    ),
  ]),
);

/**
 * The answer when the whole (normalised) text is one digit from 1 to `choices` (repeated: "1 1"), or one
 * of the purpose's words in ar, ckb, kmr, en; else null.
 */
export function parseAnswer(normalised: string, purpose: ConversationPurpose, choices: number = DEFAULT_CHOICES): ReplyAnswer | null {
  // "1", "1 1" and "١." all mean 1; a reply holding two different digits, or more than a word, is for a person.
  const compact = normalised.replace(/ /g, '');
  const digits = /^([1-5])\1*$/.exec(compact);
  if (digits) {
    const answer = Number(digits[1]);
    return answer <= choices ? (answer as ReplyAnswer) : null;
  }
  return WORDS.get(purpose)?.get(normalised) ?? null;
}

export interface OpenConversation {
  conversationId: string;
  householdId: string;
  caseNumber: string;
  purpose: ConversationPurpose;
  /** Departure of the convoy the question is about (ISO); null sorts last. */
  departureAt: string | null;
  /** When the conversation was opened (ISO): the tie-break. */
  openedAt: string;
  /** How many answers the question waiting for a reply has (default 2: seat confirmation, arrival check). */
  choices?: number;
}

export type ReplyMatch =
  | { kind: 'keyword'; action: KeywordAction }
  | { kind: 'no_conversation' }
  | { kind: 'answer'; conversation: OpenConversation; answer: ReplyAnswer }
  | { kind: 'unrecognised'; conversation: OpenConversation };

// The words of a case number: "MHM-CHD-000001" → ["mhm", "chd", "000001"]; the last digit group
// alone (at least 3 digits, "000001" or "1" is too short to tell apart from an answer) also counts.
function caseForms(caseNumber: string): string[][] {
  const words = normaliseReply(caseNumber).split(' ').filter(Boolean);
  const forms = words.length > 0 ? [words] : [];
  const last = words[words.length - 1];
  if (words.length > 1 && last && /^\d{3,}$/.test(last)) forms.push([last]);
  return forms;
}

function withoutCaseNumber(words: string[], caseNumber: string): string[] | null {
  for (const form of caseForms(caseNumber)) {
    for (let i = 0; i + form.length <= words.length; i += 1) {
      if (form.every((w, k) => words[i + k] === w)) return [...words.slice(0, i), ...words.slice(i + form.length)];
    }
    // Typed without separators: "MHM000001".
    const joined = form.join('');
    const at = words.indexOf(joined);
    if (form.length > 1 && at >= 0) return [...words.slice(0, at), ...words.slice(at + 1)];
  }
  return null;
}

function soonest(a: OpenConversation, b: OpenConversation): number {
  if (a.departureAt !== b.departureAt) {
    if (a.departureAt === null) return 1;
    if (b.departureAt === null) return -1;
    return Date.parse(a.departureAt) - Date.parse(b.departureAt);
  }
  return Date.parse(a.openedAt) - Date.parse(b.openedAt);
}

/**
 * Which open conversation an inbound SMS answers, and how. STOP/START win over any conversation.
 * Several households on one phone: the one whose case number is in the reply, else the soonest departure
 * (then the earliest opened). Never a guess: a reply that is not exactly an answer is `unrecognised`.
 */
export function matchReply(text: string, open: readonly OpenConversation[]): ReplyMatch {
  const keyword = parseKeyword(text);
  if (keyword) return { kind: 'keyword', action: keyword };
  const first = [...open].sort(soonest)[0];
  if (!first) return { kind: 'no_conversation' };
  const words = normaliseReply(text).split(' ').filter(Boolean);
  const byCase = open
    .map((conversation) => ({ conversation, rest: withoutCaseNumber(words, conversation.caseNumber) }))
    .filter((hit): hit is { conversation: OpenConversation; rest: string[] } => hit.rest !== null)
    .sort((a, b) => soonest(a.conversation, b.conversation));
  const chosen = byCase[0] ?? { conversation: first, rest: words };
  const answer = parseAnswer(chosen.rest.join(' '), chosen.conversation.purpose, chosen.conversation.choices);
  return answer === null
    ? { kind: 'unrecognised', conversation: chosen.conversation }
    : { kind: 'answer', conversation: chosen.conversation, answer };
}
