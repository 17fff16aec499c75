export * from './endpoints';
export * from './wait-for';
export * from './unique-id';
export * from './database';
export * from './kafka';
export * from './jaeger';
export * from './spawn-service';
export * from './private-postgres';
