import 'reflect-metadata';
import { runService } from '@awda/bootstrap';
import { eligibilityService } from './eligibility.definition.js';

await runService(eligibilityService);
