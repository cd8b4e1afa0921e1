export * from './actions';
export * from './admin';
export * from './channel-accounts';
export * from './http';
export * from './presence';
export * from './protocol';
export * from './text';
