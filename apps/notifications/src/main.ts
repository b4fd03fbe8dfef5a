import 'reflect-metadata';
import { runService } from '@awda/bootstrap';
import { notificationsService } from './notifications.definition.js';

await runService(notificationsService);
