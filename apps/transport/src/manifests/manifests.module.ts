import { Module } from '@nestjs/common';
import { ManifestNamesClient } from './manifest-names.client.js';
import { ManifestsController } from './manifests.controller.js';
import { ManifestsService } from './manifests.service.js';

@Module({ controllers: [ManifestsController], providers: [ManifestsService, ManifestNamesClient] })
export class ManifestsModule {}
