import { Module } from '@nestjs/common';
import { AreasController } from './areas/areas.controller.js';
import { AreasPublisher } from './areas/areas.publisher.js';
import { AreasService } from './areas/areas.service.js';
import { CorridorCoverage } from './corridors/corridor-coverage.js';
import { CorridorsEvents } from './corridors/corridors.events.js';
import { AuditLogRepository } from './common/audit-log.repository.js';
import { CampClock } from './common/camp-clock.js';
import { IdempotencyInterceptor } from './common/idempotency.interceptor.js';
import { IdempotencyPruner } from './common/idempotency-pruner.js';
import { AgeChanges } from './households/age-changes.service.js';
import { AgeChangesRepository } from './households/age-changes.repository.js';
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
import { ErasureEvents } from './privacy/erasure.events.js';
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
import { HouseholdsRepository } from './households/households.repository.js';
import { HouseholdsController } from './households/households.controller.js';
import { HouseholdReads } from './households/household-reads.service.js';
import { HouseholdsService } from './households/households.service.js';
import { MembersRepository } from './households/members.repository.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsService } from './imports/imports.service.js';
import { AreasRepository } from './areas/areas.repository.js';
import { CorridorsRepository } from './corridors/corridors.repository.js';
import { ConsentsRepository } from './consents/consents.repository.js';
import { ImportsRepository } from './imports/imports.repository.js';
import { AssessmentsRepository } from './household-status/assessments.repository.js';
import { ImportBatches } from './imports/import-batches.service.js';
import { ManifestNamesEvents } from './manifest-names/manifest-names.events.js';
import { ManifestNamesService } from './manifest-names/manifest-names.service.js';
import { HouseholdStatusEvents } from './household-status/household-status.events.js';
import { HouseholdStatusService } from './household-status/household-status.service.js';
import { SmsOutcomesEvents } from './sms-outcomes/sms-outcomes.events.js';
import { SmsOutcomesService } from './sms-outcomes/sms-outcomes.service.js';

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
    ErasureEvents,
  ],
  providers: [
    AreasService,
    AreasPublisher,
    AreasRepository,
    CorridorsRepository,
    CorridorCoverage,
    AuditLogRepository,
    CampClock,
    IdempotencyInterceptor,
    IdempotencyPruner,
    AgeChanges,
    AgeChangesRepository,
    IdempotencyKeysRepository,
    HouseholdsRepository,
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
    MembersRepository,
    RetentionRepository,
    HouseholdsService,
    HouseholdReads,
    ConsentsService,
    ConsentsRepository,
    GuardianConsentsService,
    DuplicateFinder,
    DuplicateQueue,
    DuplicatesService,
    DuplicatesRepository,
    DuplicateMerge,
    ImportsService,
    ImportsRepository,
    ImportBatches,
    HouseholdStatusService,
    AssessmentsRepository,
    ManifestNamesService,
    SmsOutcomesService,
  ],
})
export class RegistrationModule {}
