// Registration states why a pair was flagged in English sentences (`same identity document number`,
// `a member with alike names and close age (score 0.93)`); the console shows them in the user's
// language by recognising them, and shows an unknown one as it came.

export type FlagKind = 'document' | 'phone' | 'name';

export interface FlagReason {
  kind: FlagKind | null;
  /** The name match score, for `name`. */
  score?: number;
  text: string;
}

export function flagReason(text: string): FlagReason {
  if (text === 'same identity document number') return { kind: 'document', text };
  if (text === 'same phone number') return { kind: 'phone', text };
  const names = /^a member with alike names and close age \(score ([\d.]+)\)$/.exec(text);
  if (names) return { kind: 'name', score: Number(names[1]), text };
  return { kind: null, text };
}
