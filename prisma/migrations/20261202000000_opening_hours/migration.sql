-- Daily opening hours, local to the post, where the catalogue gives them (all three or none).
ALTER TABLE "Checkpoint" ADD COLUMN "hoursOpen" TEXT,
ADD COLUMN "hoursClose" TEXT,
ADD COLUMN "hoursTimeZone" TEXT;
