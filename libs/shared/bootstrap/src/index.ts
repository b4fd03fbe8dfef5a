export * from './domain-error.js';
export * from './http-errors.js';
export * from './health.controller.js';
export * from './service.js';
export * from './rate-limit/index.js';
export * from './input/index.js';
