-- AlterTable: a one-tap crowd signal (closed, not moving, only on foot, turning back, draft checks).
ALTER TABLE "Report" ADD COLUMN     "signal" TEXT;
