// The guardian consent form's model: what is checked before sending and the API body.
import type { ConsentDecision, ConsentMethod, GuardianConsentBasis, GuardianConsentBody } from '../api/types';
import { toLatinDigits } from '../i18n/format';

export interface GuardianDraft {
  basis: GuardianConsentBasis;
  decision: ConsentDecision;
  decidedOn: string;
  method: ConsentMethod;
  fullName: string;
  relationship: string;
  phone: string;
  reference: string;
  contactPhone: string;
}

/** The fields a person must fill before sending, by the path the API uses. */
export function checkGuardianDraft(draft: GuardianDraft): Map<string, 'form.required'> {
  const problems = new Map<string, 'form.required'>();
  const required: [string, string][] =
    draft.basis === 'guardian'
      ? [['guardian.fullName', draft.fullName], ['guardian.relationship', draft.relationship], ['guardian.phone', draft.phone]]
      : [['bestInterests.reference', draft.reference]];
  for (const [field, value] of [['decidedOn', draft.decidedOn] as [string, string], ...required]) if (!value.trim()) problems.set(field, 'form.required');
  return problems;
}

/** POST /households/{id}/guardian-consents: only the part of the basis chosen (the other is refused). */
export function guardianConsentBody(draft: GuardianDraft): GuardianConsentBody {
  if (draft.basis === 'guardian') {
    return {
      basis: 'guardian',
      decision: draft.decision,
      decidedOn: draft.decidedOn,
      method: draft.method,
      guardian: { fullName: draft.fullName.trim(), relationship: draft.relationship.trim(), phone: toLatinDigits(draft.phone.trim()) },
    };
  }
  const contactPhone = toLatinDigits(draft.contactPhone.trim());
  return {
    basis: 'best_interests',
    decision: draft.decision,
    decidedOn: draft.decidedOn,
    bestInterests: { reference: draft.reference.trim(), ...(contactPhone ? { contactPhone } : {}) },
  };
}
