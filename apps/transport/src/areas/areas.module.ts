import { Module } from '@nestjs/common';
import { AreaChains } from './area-chains.js';
import { AreasEvents } from './areas.events.js';
import { AreasProjection } from './areas.projection.js';

/** The destination-area hierarchy, projected from registration; every destination is resolved with it. */
@Module({ controllers: [AreasEvents], providers: [AreasProjection, AreaChains], exports: [AreaChains] })
export class AreasModule {}
