import { startTelemetry } from '@saga/telemetry';

startTelemetry({ serviceName: 'order-service' });
