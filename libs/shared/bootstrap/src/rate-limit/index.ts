export * from './migration.js';
export * from './rate-limit.store.js';
export * from './rate-limit.guard.js';
export * from './rate-limit.decorator.js';
