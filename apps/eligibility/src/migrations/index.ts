import type { Type } from '@nestjs/common';
import { EligibilityTables1764400000000 } from './1764400000000-eligibility-tables.js';
import { DefaultRuleSet1764400000001 } from './1764400000001-default-rule-set.js';
import { DestinationsAndWaivers1764520000000 } from './1764520000000-destinations-and-waivers.js';
import { GuardianConsent1796567435669 } from './1796567435669-guardian-consent.js';

/** The eligibility schema's migrations, oldest first (the messaging tables come before these). */
export const eligibilityMigrations: Type<unknown>[] = [
  EligibilityTables1764400000000,
  DefaultRuleSet1764400000001,
  DestinationsAndWaivers1764520000000,
  GuardianConsent1796567435669,
];
