// The public surface of @tj/shared: every rule, enum, error code and schema, once.
export * from './errors';
export * from './limits';
export * from './enums';

export * from './domain/person';
export * from './domain/text';
export * from './domain/mask';
export * from './domain/dates';
export * from './domain/id-number';
export * from './domain/age';
export * from './domain/development-number';
export * from './domain/org-type';
export * from './domain/org-names';
export * from './domain/org-info';
export * from './domain/alias';
export * from './domain/admin-code';
export * from './domain/attachment';
export * from './domain/checkin-status';
export * from './domain/real-name-status';
export * from './domain/transfer';

export * from './schemas/common';
export * from './schemas/enums';
export * from './schemas/auth';
export * from './schemas/person';
export * from './schemas/attachment';
export * from './schemas/certification';
export * from './schemas/org';
export * from './schemas/admin';
export * from './schemas/roster';
export * from './schemas/alias';
export * from './schemas/review';
export * from './schemas/transfer';
export * from './schemas/session';
export * from './schemas/org-api';
export * from './schemas/checkin-api';
export * from './schemas/cadre-api';
