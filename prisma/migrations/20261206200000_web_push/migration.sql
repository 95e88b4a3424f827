-- CreateTable: Web Push subscriptions (an endpoint and its keys) and their watches.
CREATE TABLE "PushSubscription" (
    "id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refreshedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushWatch" (
    "id" SERIAL NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "direction" "Direction" NOT NULL,
    "mode" "Mode" NOT NULL,
    "belowMinutes" INTEGER,
    "armed" BOOLEAN NOT NULL,
    "lastStatus" "CheckpointStatus" NOT NULL,

    CONSTRAINT "PushWatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PushSubscription_endpoint_key" ON "PushSubscription"("endpoint");

-- CreateIndex
CREATE INDEX "PushSubscription_refreshedAt_idx" ON "PushSubscription"("refreshedAt");

-- CreateIndex
CREATE INDEX "PushWatch_checkpointId_idx" ON "PushWatch"("checkpointId");

-- CreateIndex
CREATE UNIQUE INDEX "PushWatch_subscriptionId_checkpointId_direction_mode_key" ON "PushWatch"("subscriptionId", "checkpointId", "direction", "mode");

-- AddForeignKey
ALTER TABLE "PushWatch" ADD CONSTRAINT "PushWatch_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "PushSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;
