// The Redis the multi-node tests share broadcasts through: TEST_REDIS_URL
// (`.ci/run` sets it when 127.0.0.1:6379 answers). Each test run gets its own
// key prefix, so parallel runs on one Redis never hear each other.
import { randomBytes } from 'node:crypto';

export const redisUrl = process.env.TEST_REDIS_URL || undefined;

export const redisPrefix = () => `kordon-test-${randomBytes(6).toString('hex')}`;
