import { Module } from '@nestjs/common';
import { CorridorsModule } from '../corridors/corridors.module.js';
import { FleetController } from './fleet.controller.js';
import { FleetService } from './fleet.service.js';
import { VehiclesRepository } from './vehicles.repository.js';

@Module({ imports: [CorridorsModule], controllers: [FleetController], providers: [VehiclesRepository, FleetService], exports: [VehiclesRepository] })
export class FleetModule {}
