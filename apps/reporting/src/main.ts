import 'reflect-metadata';
import { runService } from '@awda/bootstrap';
import { reportingService } from './reporting.definition.js';

await runService(reportingService);
