import { ProjectionLag } from '../measure/projection-lag';
import { PhaseSummary } from '../analysis/phase-summary';
import { SustainabilityVerdict } from '../analysis/sustainability';
import { WindowStats } from '../analysis/timeline';
import { InvariantResult } from '../invariants/check-invariants';
import { ConsumerLagSample } from '../measure/consumer-lag-sampler';
import { CpuSample } from '../measure/process-cpu-sampler';
import { RelayLagSample } from '../measure/relay-lag-sampler';

/** The JSON result file; the HTML report and `compare` are rendered from it alone. */
export interface RunResult {
  schemaVersion: 1;
  runId: string;
  scenario: string;
  label: string;
  startedAt: string;
  finishedAt: string;
  options: Record<string, unknown>;
  environment: Record<string, unknown>;
  fixtures: {
    products: number;
    soldOutProducts: number;
    users: number;
    poorUsers: number;
    coupons: number;
    grants: number;
  };
  /** measured phases (one for fixed/hot-product, one per step for sweep) */
  phases: (PhaseSummary & { verdict?: SustainabilityVerdict })[];
  sweep?: {
    highestSustainableRate: number | null;
    highestSustainableCompletedPerSec: number | null;
    highestSustainableTerminalPerSec: number | null;
  };
  /** seconds are relative to startedAt */
  timeline: WindowStats[];
  phaseMarks: { name: string; startSec: number; endSec: number }[];
  relayLag: (Omit<RelayLagSample, 't'> & { sec: number })[];
  consumerLag: (Omit<ConsumerLagSample, 't'> & { sec: number })[];
  cpu: (Omit<CpuSample, 't'> & { sec: number })[];
  invariants: InvariantResult[];
  /** the saga explorer's projection behind the terminal events of the measured phases (absent: no explorer) */
  projectionLag?: ProjectionLag | null;
  notes: string[];
}
