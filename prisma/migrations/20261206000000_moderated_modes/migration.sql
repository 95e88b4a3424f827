-- AlterTable: a moderator opens or closes a mode at a checkpoint; the catalogue's own list stays as the catalogue says.
ALTER TABLE "Checkpoint" ADD COLUMN     "modesDisabled" "Mode"[] DEFAULT ARRAY[]::"Mode"[],
ADD COLUMN     "modesEnabled" "Mode"[] DEFAULT ARRAY[]::"Mode"[];
