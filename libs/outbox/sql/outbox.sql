-- Outbox + inbox tables, identical to what `prisma migrate diff` produces from
-- prisma/outbox-models.prisma, plus the partial index the relay's fetch query uses.
CREATE TABLE IF NOT EXISTS "outbox_message" (
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

CREATE TABLE IF NOT EXISTS "processed_message" (
    "consumer_group" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_message_pkey" PRIMARY KEY ("consumer_group","event_id")
);

CREATE UNIQUE INDEX IF NOT EXISTS "outbox_message_event_id_key" ON "outbox_message"("event_id");
CREATE INDEX IF NOT EXISTS "outbox_message_published_at_idx" ON "outbox_message"("published_at");
CREATE INDEX IF NOT EXISTS "processed_message_processed_at_idx" ON "processed_message"("processed_at");

-- Unpublished rows are few and hot: the relay reads them in id order through this small index.
CREATE INDEX IF NOT EXISTS "outbox_message_unpublished_idx" ON "outbox_message" ("id") WHERE "published_at" IS NULL;
