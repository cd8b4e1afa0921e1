export * from './actions';
export * from './http';
export * from './presence';
export * from './protocol';
export * from './text';
