export * from './attributes';
export * from './propagation';
