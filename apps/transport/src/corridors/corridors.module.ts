import { Module } from '@nestjs/common';
import { CorridorsPublisher } from './corridors.publisher.js';
import { CorridorsRepository } from './corridors.repository.js';
import { CorridorsService } from './corridors.service.js';

@Module({ providers: [CorridorsRepository, CorridorsService, CorridorsPublisher], exports: [CorridorsService] })
export class CorridorsModule {}
