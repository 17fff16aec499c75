-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "saga" (
    "order_id" TEXT NOT NULL,
    "user_id" TEXT,
    "state" TEXT NOT NULL,
    "failure_reason" TEXT,
    "trace_id" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "deadline_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "last_event_at" TIMESTAMPTZ(3) NOT NULL,
    "event_count" INTEGER NOT NULL,
    "dead_letter_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "saga_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "saga_event" (
    "id" BIGSERIAL NOT NULL,
    "order_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "event_id" TEXT,
    "event_type" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "causation_id" TEXT,
    "failure_reason" TEXT,
    "compensation" BOOLEAN NOT NULL,
    "trace_id" TEXT,
    "error" TEXT,
    "dead_letter_id" TEXT,

    CONSTRAINT "saga_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dead_letter" (
    "id" TEXT NOT NULL,
    "dead_letter_topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" TEXT NOT NULL,
    "original_topic" TEXT,
    "original_partition" INTEGER,
    "original_offset" TEXT,
    "consumer_group" TEXT,
    "error" TEXT,
    "attempts" INTEGER,
    "failed_at" TIMESTAMPTZ(3),
    "event_id" TEXT,
    "event_type" TEXT,
    "order_id" TEXT,
    "message_key" BYTEA,
    "message_value" BYTEA,
    "headers" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dead_letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dead_letter_replay" (
    "id" BIGSERIAL NOT NULL,
    "dead_letter_id" TEXT NOT NULL,
    "replayed_by" TEXT NOT NULL,
    "replayed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "target_topic" TEXT NOT NULL,

    CONSTRAINT "dead_letter_replay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "message_key" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "headers" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_message" (
    "consumer_group" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_message_pkey" PRIMARY KEY ("consumer_group","event_id")
);

-- CreateIndex
CREATE INDEX "saga_started_at_order_id_idx" ON "saga"("started_at" DESC, "order_id" DESC);

-- CreateIndex
CREATE INDEX "saga_user_id_started_at_order_id_idx" ON "saga"("user_id", "started_at" DESC, "order_id" DESC);

-- CreateIndex
CREATE INDEX "saga_state_started_at_order_id_idx" ON "saga"("state", "started_at" DESC, "order_id" DESC);

-- CreateIndex
CREATE INDEX "saga_event_order_id_occurred_at_id_idx" ON "saga_event"("order_id", "occurred_at", "id");

-- CreateIndex
CREATE INDEX "dead_letter_recorded_at_id_idx" ON "dead_letter"("recorded_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "dead_letter_order_id_idx" ON "dead_letter"("order_id");

-- CreateIndex
CREATE INDEX "dead_letter_replay_dead_letter_id_idx" ON "dead_letter_replay"("dead_letter_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_event_id_key" ON "outbox_message"("event_id");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_idx" ON "outbox_message"("published_at");

-- CreateIndex
CREATE INDEX "processed_message_processed_at_idx" ON "processed_message"("processed_at");


-- Hand-written: invariants the database enforces for every instance.
ALTER TABLE "saga" ADD CONSTRAINT "saga_state_known" CHECK ("state" IN ('IN_FLIGHT', 'COMPLETED', 'CANCELLED'));
ALTER TABLE "saga_event" ADD CONSTRAINT "saga_event_kind_known" CHECK ("kind" IN ('EVENT', 'INVALID', 'DEAD_LETTER'));

CREATE INDEX "outbox_message_unpublished_idx" ON "outbox_message" ("id") WHERE "published_at" IS NULL;
