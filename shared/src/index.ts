export * from './errors';
export * from './domain/person';
export * from './schemas/common';
export * from './schemas/auth';
export * from './schemas/session';
