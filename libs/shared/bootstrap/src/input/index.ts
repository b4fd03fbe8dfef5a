export * from './input-rules.js';
export * from './input-rules.middleware.js';
export * from './content-type.interceptor.js';
export * from './local-date.js';
