import 'reflect-metadata';
import { runService } from '@awda/bootstrap';
import { registrationService } from './registration.definition.js';

await runService(registrationService);
