-- CreateTable
CREATE TABLE "FeedEvent" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FeedEvent_at_idx" ON "FeedEvent"("at");

