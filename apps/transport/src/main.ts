import 'reflect-metadata';
import { runService } from '@awda/bootstrap';
import { transportService } from './transport.definition.js';

await runService(transportService);
