import { context, Context, propagation, ROOT_CONTEXT, TextMapGetter, TextMapSetter } from '@opentelemetry/api';

/** Trace context as stored in an outbox row and sent as Kafka headers (W3C traceparent/tracestate/baggage). */
export type TraceCarrier = Record<string, string>;

const setter: TextMapSetter<TraceCarrier> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

const headerGetter: TextMapGetter<Record<string, HeaderValue>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** Captures the active context (or the given one) into a plain object that can be persisted. */
export function captureTraceContext(ctx: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier, setter);
  return carrier;
}

/** Restores a context from persisted carrier or Kafka headers (Buffer values are accepted). */
export function restoreTraceContext(carrier: Record<string, HeaderValue> | null | undefined): Context {
  if (!carrier) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier, headerGetter);
}
