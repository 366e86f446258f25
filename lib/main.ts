import { logger } from './logger';
import { stopTelemetry } from './telemetry';

/**
 * Runs `start`, then stops cleanly on Ctrl-C or SIGTERM (in-flight requests finish first). Never
 * rejects: a failure is logged and ends the process, so callers may `void` it.
 */
export async function runUntilSignalled(name: string, start: () => Promise<{ stop(): Promise<void> }>): Promise<void> {
  let running: { stop(): Promise<void> };
  try {
    running = await start();
  } catch (e) {
    logger.fatal({ err: e instanceof Error ? e.message : String(e) }, `${name} failed to start`);
    console.error(`\n${name} failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${name} stopping`);
    const force = setTimeout(() => {
      logger.error(`${name} did not stop within 15 s; exiting`);
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await running.stop();
      await stopTelemetry(); // the last spans go out before the process ends
      process.exit(0);
    } catch (e) {
      logger.error({ err: (e as Error).message }, `${name} did not stop cleanly`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
