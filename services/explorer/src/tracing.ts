import { startTelemetry } from '@saga/telemetry';

// Imported first by main.ts: instrumentation must patch http/pg/kafkajs before they are loaded.
startTelemetry({ serviceName: 'explorer-service' });
