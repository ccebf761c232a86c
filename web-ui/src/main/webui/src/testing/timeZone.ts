import { afterAll, beforeAll } from 'vitest';

// the test runner's (Node's) environment: the app's types leave Node out
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

/**
 * Runs the tests of the calling `describe` in the time zone `zone` (Node reads TZ again whenever it is
 * set), so local midnights are fixed instants whatever the machine's zone.
 */
export function inTimeZone(zone: string): void {
  const before = env.TZ;
  beforeAll(() => {
    env.TZ = zone;
  });
  afterAll(() => {
    if (before === undefined) delete env.TZ;
    else env.TZ = before;
  });
}
