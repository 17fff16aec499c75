import { startTelemetry } from '@saga/telemetry';

// Imported first by main.ts: instrumentation must patch http/pg/kafkajs/ioredis before they are loaded.
startTelemetry({ serviceName: 'coupon-service' });
