import type { Type } from '@nestjs/common';
import { GatewayTables1764600000000 } from './1764600000000-gateway-tables.js';

/** The gateway schema's migrations, oldest first (the shared rate-limit table comes before these). */
export const gatewayMigrations: Type<unknown>[] = [GatewayTables1764600000000];
