import type { ComponentName } from '../config';
import type { Component } from './component';
import { jaeger } from './jaeger';
import { kafka } from './kafka';
import { postgres } from './postgres';
import { redis } from './redis';

export const NATIVE_COMPONENTS: Record<ComponentName, Component> = { postgres, redis, kafka, jaeger };
export type { Component };
