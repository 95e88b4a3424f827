-- CreateTable: Telegram chats that asked for something to be kept, and their watches.
CREATE TABLE "TelegramChat" (
    "chatId" BIGINT NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelegramChat_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "TelegramWatch" (
    "id" SERIAL NOT NULL,
    "chatId" BIGINT NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "direction" "Direction" NOT NULL,
    "mode" "Mode" NOT NULL,
    "belowMinutes" INTEGER,
    "armed" BOOLEAN NOT NULL,
    "lastStatus" "CheckpointStatus" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelegramWatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TelegramWatch_checkpointId_idx" ON "TelegramWatch"("checkpointId");

-- CreateIndex
CREATE UNIQUE INDEX "TelegramWatch_chatId_checkpointId_direction_mode_key" ON "TelegramWatch"("chatId", "checkpointId", "direction", "mode");

-- AddForeignKey
ALTER TABLE "TelegramWatch" ADD CONSTRAINT "TelegramWatch_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "TelegramChat"("chatId") ON DELETE CASCADE ON UPDATE CASCADE;
