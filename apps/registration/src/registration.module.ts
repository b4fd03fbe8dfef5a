import { Module } from '@nestjs/common';
import { AreasController } from './areas/areas.controller.js';
import { AreasPublisher } from './areas/areas.publisher.js';
import { AreasService } from './areas/areas.service.js';
import { CorridorCoverage } from './areas/corridor-coverage.js';
import { CorridorsEvents } from './areas/corridors.events.js';
import { AuditLog } from './common/audit.service.js';
import { CampClock } from './common/camp-clock.js';
import { IdempotencyInterceptor } from './common/idempotency.interceptor.js';
import { IdempotencyPruner } from './common/idempotency-pruner.js';
import { IdempotencyKeysRepository } from './common/idempotency-keys.repository.js';
import { ConsentsController } from './consents/consents.controller.js';
import { ConsentsService } from './consents/consents.service.js';
import { GuardianConsentsService } from './consents/guardian-consents.service.js';
import { DuplicateFinder } from './duplicates/duplicate.finder.js';
import { DuplicateMerge } from './duplicates/duplicate-merge.js';
import { DuplicateQueue } from './duplicates/duplicate.queue.js';
import { DuplicatesController } from './duplicates/duplicates.controller.js';
import { DuplicatesRepository } from './duplicates/duplicates.repository.js';
import { DuplicatesService } from './duplicates/duplicates.service.js';
import { HouseholdChanges } from './households/household-changes.js';
import { HouseholdPhones } from './households/household-phones.js';
import { HouseholdKeys } from './privacy/household-keys.js';
import { ErasureService } from './privacy/erasure.service.js';
import { PrivacyController } from './privacy/privacy.controller.js';
import { PrivacyEvents } from './privacy/privacy.events.js';
import { StreamScrub } from './privacy/stream-scrub.js';
import { AuditReview } from './privacy/audit-review.service.js';
import { HouseholdExporter } from './privacy/export.service.js';
import { AuditReviewRepository } from './privacy/audit-review.repository.js';
import { ErasuresRepository } from './privacy/erasures.repository.js';
import { HouseholdExportRepository } from './privacy/export.repository.js';
import { HouseholdKeysRepository } from './privacy/household-keys.repository.js';
import { KeyBackfillRepository } from './privacy/key-backfill.repository.js';
import { KeyBackfill } from './privacy/key-backfill.service.js';
import { RetentionRepository } from './privacy/retention.repository.js';
import { KeyRotation } from './privacy/key-rotation.service.js';
import { RetentionService } from './privacy/retention.service.js';
import { HouseholdStore } from './households/household.store.js';
import { HouseholdsController } from './households/households.controller.js';
import { HouseholdsQuery } from './households/households.query.js';
import { HouseholdsService } from './households/households.service.js';
import { MemberWriter } from './households/member.writer.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsService } from './imports/imports.service.js';
import { ImportWriter } from './imports/import.writer.js';
import { ManifestNamesEvents } from './manifest/manifest-names.events.js';
import { ManifestNamesService } from './manifest/manifest-names.service.js';
import { HouseholdStatusEvents } from './status/household-status.events.js';
import { HouseholdStatusService } from './status/household-status.service.js';
import { SmsOutcomesEvents } from './sms/sms-outcomes.events.js';
import { SmsOutcomesService } from './sms/sms-outcomes.service.js';

/**
 * The registration features. One module: households, consents, duplicates, imports and the status
 * projections all change the same household aggregate through HouseholdChanges.
 */
@Module({
  controllers: [
    AreasController,
    HouseholdsController,
    ConsentsController,
    DuplicatesController,
    ImportsController,
    HouseholdStatusEvents,
    ManifestNamesEvents,
    CorridorsEvents,
    SmsOutcomesEvents,
    PrivacyController,
    PrivacyEvents,
  ],
  providers: [
    AreasService,
    AreasPublisher,
    CorridorCoverage,
    AuditLog,
    CampClock,
    IdempotencyInterceptor,
    IdempotencyPruner,
    IdempotencyKeysRepository,
    HouseholdStore,
    HouseholdChanges,
    HouseholdPhones,
    HouseholdKeys,
    ErasureService,
    StreamScrub,
    AuditReview,
    HouseholdExporter,
    KeyRotation,
    KeyBackfill,
    KeyBackfillRepository,
    HouseholdKeysRepository,
    ErasuresRepository,
    AuditReviewRepository,
    HouseholdExportRepository,
    RetentionService,
    RetentionRepository,
    MemberWriter,
    HouseholdsService,
    HouseholdsQuery,
    ConsentsService,
    GuardianConsentsService,
    DuplicateFinder,
    DuplicateQueue,
    DuplicatesService,
    DuplicatesRepository,
    DuplicateMerge,
    ImportsService,
    ImportWriter,
    HouseholdStatusService,
    ManifestNamesService,
    SmsOutcomesService,
  ],
})
export class RegistrationModule {}
