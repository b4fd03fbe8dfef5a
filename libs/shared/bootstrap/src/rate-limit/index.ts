export * from './migration.js';
export * from './rate-limit.repository.js';
export * from './rate-limit.guard.js';
export * from './rate-limit.decorator.js';
