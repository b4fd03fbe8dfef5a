import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AreasController } from './areas.controller.js';
import { AreasService } from './areas.service.js';

@Module({ imports: [AssessmentsModule], controllers: [AreasController], providers: [AreasService], exports: [AreasService] })
export class AreasModule {}
