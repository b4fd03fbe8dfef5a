import type { Type } from '@nestjs/common';
import { RegistrationTables1764400000000 } from './1764400000000-registration-tables.js';
import { ImportLookupIndexes1764460000000 } from './1764460000000-import-lookup-indexes.js';
import { PublishedAreas1764470000000 } from './1764470000000-published-areas.js';
import { BlockingKeys1764480000000 } from './1764480000000-blocking-keys.js';
import { DropSearchKeys1764490000000 } from './1764490000000-drop-search-keys.js';
import { GinWithoutPendingList1764500000000 } from './1764500000000-gin-without-pending-list.js';
import { CleanStoredNames1764510000000 } from './1764510000000-clean-stored-names.js';
import { IdempotencyKeyLifetime1764515000000 } from './1764515000000-idempotency-key-lifetime.js';
import { DuplicateDecisions1764520000000 } from './1764520000000-duplicate-decisions.js';
import { RecomputeNameKeys1764530000000 } from './1764530000000-recompute-name-keys.js';
import { CorridorCoverage1764540000000 } from './1764540000000-corridor-coverage.js';
import { MemberTravelMode1796567249472 } from './1796567249472-member-travel-mode.js';
import { GuardianConsents1796567476320 } from './1796567476320-guardian-consents.js';
import { HouseholdDataKeys1796570000000 } from './1796570000000-household-data-keys.js';

/** The registration schema's migrations, oldest first (the messaging tables come before these). */
export const registrationMigrations: Type<unknown>[] = [
  RegistrationTables1764400000000,
  ImportLookupIndexes1764460000000,
  PublishedAreas1764470000000,
  BlockingKeys1764480000000,
  DropSearchKeys1764490000000,
  GinWithoutPendingList1764500000000,
  CleanStoredNames1764510000000,
  IdempotencyKeyLifetime1764515000000,
  DuplicateDecisions1764520000000,
  RecomputeNameKeys1764530000000,
  CorridorCoverage1764540000000,
  MemberTravelMode1796567249472,
  GuardianConsents1796567476320,
  HouseholdDataKeys1796570000000,
];
