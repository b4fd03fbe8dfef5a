import 'reflect-metadata';
import { runService } from '@awda/bootstrap';
import { gatewayApp } from './gateway.definition.js';

await runService(gatewayApp);
