-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DiscountType" AS ENUM ('FIXED', 'PERCENT');

-- CreateEnum
CREATE TYPE "UserCouponStatus" AS ENUM ('AVAILABLE', 'USED');

-- CreateEnum
CREATE TYPE "IssueRequestStatus" AS ENUM ('PENDING', 'ISSUED', 'FAILED');

-- CreateTable
CREATE TABLE "coupon" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "discount_type" "DiscountType" NOT NULL,
    "discount_value" INTEGER NOT NULL,
    "total_quantity" INTEGER NOT NULL,
    "issued_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coupon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_coupon" (
    "coupon_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" "UserCouponStatus" NOT NULL DEFAULT 'AVAILABLE',
    "used_by_order_id" TEXT,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "user_coupon_pkey" PRIMARY KEY ("coupon_id","user_id")
);

-- CreateTable
CREATE TABLE "coupon_issue_request" (
    "coupon_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" "IssueRequestStatus" NOT NULL,
    "reason" TEXT,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coupon_issue_request_pkey" PRIMARY KEY ("coupon_id","user_id")
);

-- CreateTable
CREATE TABLE "order_tombstone" (
    "order_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_tombstone_pkey" PRIMARY KEY ("order_id")
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
CREATE UNIQUE INDEX "user_coupon_used_by_order_id_key" ON "user_coupon"("used_by_order_id");

-- CreateIndex
CREATE INDEX "user_coupon_user_id_idx" ON "user_coupon"("user_id");

-- CreateIndex
CREATE INDEX "coupon_issue_request_coupon_id_status_idx" ON "coupon_issue_request"("coupon_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_event_id_key" ON "outbox_message"("event_id");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_idx" ON "outbox_message"("published_at");

-- CreateIndex
CREATE INDEX "processed_message_processed_at_idx" ON "processed_message"("processed_at");

-- AddForeignKey
ALTER TABLE "user_coupon" ADD CONSTRAINT "user_coupon_coupon_id_fkey" FOREIGN KEY ("coupon_id") REFERENCES "coupon"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coupon_issue_request" ADD CONSTRAINT "coupon_issue_request_coupon_id_fkey" FOREIGN KEY ("coupon_id") REFERENCES "coupon"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Outbox relay scans only unpublished rows.
CREATE INDEX "outbox_message_unpublished_idx" ON "outbox_message" ("id") WHERE "published_at" IS NULL;

-- Invariants the application relies on under concurrency (never over-issue, sane discounts).
ALTER TABLE "coupon" ADD CONSTRAINT "coupon_quantity_check" CHECK ("total_quantity" >= 0 AND "issued_count" >= 0 AND "issued_count" <= "total_quantity");
ALTER TABLE "coupon" ADD CONSTRAINT "coupon_discount_check" CHECK (
  ("discount_type" = 'FIXED' AND "discount_value" >= 0) OR
  ("discount_type" = 'PERCENT' AND "discount_value" BETWEEN 1 AND 100));
ALTER TABLE "user_coupon" ADD CONSTRAINT "user_coupon_usage_check" CHECK (("status" = 'USED') = ("used_by_order_id" IS NOT NULL));
