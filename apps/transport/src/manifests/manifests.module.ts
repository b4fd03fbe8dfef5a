import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { SmsOutcomesModule } from '../sms-outcomes/sms-outcomes.module.js';
import { ManifestNamesClient } from './manifest-names.client.js';
import { ManifestsController } from './manifests.controller.js';
import { ManifestsRepository } from './manifests.repository.js';
import { ManifestsService } from './manifests.service.js';

@Module({
  imports: [SchedulingModule, SmsOutcomesModule],
  controllers: [ManifestsController],
  providers: [ManifestsRepository, ManifestsService, ManifestNamesClient],
})
export class ManifestsModule {}
