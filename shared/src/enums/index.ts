export * from './util';
export * from './org';
export * from './person';
export * from './ethnic-groups';
export * from './regions';
export * from './status';
export * from './transfer';
