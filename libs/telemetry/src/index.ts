export * from './attributes';
export * from './propagation';
export * from './spans';
export * from './sdk';
export * from './span-detail';
export * from './sql-span';
