export * from './accounts';
export * from './audit';
export * from './codes';
export * from './orgs';
export * from './roster';
export * from './checkins';
export * from './jobs';
export * from './uploads';
