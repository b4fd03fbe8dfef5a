import { Module } from '@nestjs/common';
import { AreaChains } from './area-chains.js';
import { AreasEvents } from './areas.events.js';
import { AreasProjection } from './areas.projection.js';
import { AreasRepository } from './areas.repository.js';

/** The destination-area hierarchy, projected from registration; every destination is resolved with it. */
@Module({ controllers: [AreasEvents], providers: [AreasRepository, AreasProjection, AreaChains], exports: [AreaChains] })
export class AreasModule {}
