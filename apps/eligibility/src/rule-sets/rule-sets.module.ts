import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { RuleSetsController } from './rule-sets.controller.js';
import { RuleSetsService } from './rule-sets.service.js';

@Module({ imports: [AssessmentsModule], controllers: [RuleSetsController], providers: [RuleSetsService] })
export class RuleSetsModule {}
