export * from './databases.js';
export * from './wait.js';
export * from './broker.js';
export * from './people/index.js';
export * from './gateway-client.js';
