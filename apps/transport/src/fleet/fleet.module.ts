import { Module } from '@nestjs/common';
import { CorridorsModule } from '../corridors/corridors.module.js';
import { FleetController } from './fleet.controller.js';
import { FleetService } from './fleet.service.js';

@Module({ imports: [CorridorsModule], controllers: [FleetController], providers: [FleetService] })
export class FleetModule {}
