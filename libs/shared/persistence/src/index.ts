export * from './database.js';
export * from './postgres-errors.js';
export * from './service-database.module.js';
export * from './returned-rows.js';
export * from './safe-query-logger.js';
export * from './multi-host.js';
export * from './rows.js';
