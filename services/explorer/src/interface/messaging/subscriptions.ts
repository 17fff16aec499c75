import { TOPIC_CATALOG } from '@saga/contracts';
import { SAGA_TOPICS } from '../../domain/saga-catalog';
import { sagaTopicProjector } from './project-saga-topic';
import { deadLetterRecorder } from './record-dead-letters';

/**
 * Every subscription of the explorer, each in its own consumer group: every saga topic (`explorer.Project<Topic>`)
 * and every dead-letter topic of the catalog, saga or not (`explorer.Record<Topic>Dlq`). They are DecodingHandlers:
 * the explorer observes the messages the catalog refuses (poison, dead letters) instead of dead-lettering them.
 */
export const EXPLORER_HANDLERS = [
  ...SAGA_TOPICS.map(sagaTopicProjector),
  ...TOPIC_CATALOG.filter((spec) => spec.deadLetter).map((spec) => deadLetterRecorder(spec.name)),
];
