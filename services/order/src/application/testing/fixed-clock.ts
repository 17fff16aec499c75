import { Clock } from '../ports/transaction';

export class FixedClock implements Clock {
  constructor(public current = new Date('2025-01-01T00:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
