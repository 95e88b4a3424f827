-- AlterEnum
ALTER TYPE "CoordinateQuality" ADD VALUE 'road_crossing';
