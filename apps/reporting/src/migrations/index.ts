import type { Type } from '@nestjs/common';
import { ReportingFacts1797000000000 } from './1797000000000-reporting-facts.js';
import { SurveyFacts1797100000000 } from './1797100000000-survey-facts.js';

/** The reporting schema's migrations, oldest first (the messaging tables come before these). */
export const reportingMigrations: Type<unknown>[] = [ReportingFacts1797000000000, SurveyFacts1797100000000];
