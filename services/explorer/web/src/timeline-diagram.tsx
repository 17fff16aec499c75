import type { TimelineEvent } from './api';

const LANES = ['order', 'product', 'coupon', 'user'];
const LANE_HEIGHT = 56;
const LEFT = 80;
const STEP = 96;
const TOP = 20;

const COLORS = { EVENT: '#2f6fd6', COMPENSATION: '#c62828', INVALID: '#e08a00', DEAD_LETTER: '#333' };

/**
 * One lane per service, one column per entry in time order. Causation is an arrow from the causing event;
 * a failure event is red and fans out dashed red arrows to every lane that compensates on it; poison
 * messages are orange diamonds and dead letters black crosses on the failing consumer's lane.
 */
export function TimelineDiagram({ events }: { events: TimelineEvent[] }) {
  const lanes = [...LANES, ...new Set(events.map((e) => e.service).filter((s) => !LANES.includes(s)))];
  const laneY = (service: string) => TOP + lanes.indexOf(service) * LANE_HEIGHT + LANE_HEIGHT / 2;
  const x = (index: number) => LEFT + 40 + index * STEP;
  const width = x(events.length) + STEP;
  const height = TOP + lanes.length * LANE_HEIGHT + 10;
  const indexOfEvent = new Map(events.map((e, i) => [e.eventId, i]));

  return (
    <svg data-testid="timeline-diagram" width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <defs>
        {Object.entries(COLORS).map(([name, color]) => (
          <marker
            key={name}
            id={`arrow-${name}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill={color} />
          </marker>
        ))}
      </defs>
      {lanes.map((lane) => (
        <g key={lane} data-testid="lane" data-lane={lane}>
          <line x1={LEFT} x2={width} y1={laneY(lane)} y2={laneY(lane)} stroke="#d5dae3" />
          <text x={8} y={laneY(lane) + 4} font-weight="600">
            {lane}
          </text>
        </g>
      ))}
      {events.map((event, index) => {
        const cause = event.causationId ? indexOfEvent.get(event.causationId) : undefined;
        const color = event.compensation ? COLORS.COMPENSATION : COLORS[event.kind];
        const y = laneY(event.service);
        return (
          <g
            key={index}
            data-testid="diagram-event"
            data-kind={event.kind}
            data-compensation={String(event.compensation)}
            data-lane={event.service}
          >
            {cause !== undefined && (
              <line
                x1={x(cause)}
                y1={laneY(events[cause]!.service)}
                x2={x(index) - 9}
                y2={y}
                stroke="#8a94a6"
                marker-end="url(#arrow-EVENT)"
              />
            )}
            {event.compensatedBy.map((lane) => (
              <g key={lane}>
                <line
                  data-testid="compensation-arrow"
                  data-lane={lane}
                  x1={x(index)}
                  y1={y}
                  x2={x(index) + STEP / 2}
                  y2={laneY(lane) - 6}
                  stroke={COLORS.COMPENSATION}
                  stroke-dasharray="5 3"
                  marker-end="url(#arrow-COMPENSATION)"
                />
                <text x={x(index) + STEP / 2 + 4} y={laneY(lane) - 2} fill={COLORS.COMPENSATION}>
                  compensates
                </text>
              </g>
            ))}
            {event.kind === 'INVALID' ? (
              <rect
                x={x(index) - 7}
                y={y - 7}
                width="14"
                height="14"
                fill={color}
                transform={`rotate(45 ${x(index)} ${y})`}
              />
            ) : event.kind === 'DEAD_LETTER' ? (
              <path d={`M${x(index) - 7},${y - 7} l14,14 m0,-14 l-14,14`} stroke={color} stroke-width="3" />
            ) : (
              <circle cx={x(index)} cy={y} r="8" fill={color} />
            )}
            {/* alternate above and below the lane so neighbouring labels do not overlap */}
            <text data-testid="event-label" x={x(index) - 30} y={index % 2 === 0 ? y - 13 : y + 22} fill={color}>
              {event.eventType}
            </text>
            <title>{`${event.eventType} on ${event.topic}${event.error ? `: ${event.error}` : ''}`}</title>
          </g>
        );
      })}
    </svg>
  );
}
