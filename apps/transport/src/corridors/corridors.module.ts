import { Module } from '@nestjs/common';
import { CorridorsPublisher } from './corridors.publisher.js';
import { CorridorsService } from './corridors.service.js';

@Module({ providers: [CorridorsService, CorridorsPublisher], exports: [CorridorsService] })
export class CorridorsModule {}
