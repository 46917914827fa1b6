package dev.crossmodal.core;

import java.time.Duration;

/**
 * Counts units of work and tells a {@link ProgressListener}, at most every {@code interval}, with
 * rate and elapsed time worked out. Not thread-safe: one job, one tracker.
 *
 * <pre>{@code
 * ProgressTracker tracker = new ProgressTracker("indexing", total, listener);
 * for (...) { ...; tracker.advance(batch.size()); }
 * tracker.finish();
 * }</pre>
 */
public final class ProgressTracker {
  private static final long DEFAULT_INTERVAL_NANOS = 200_000_000L;

  private final String task;
  private final ProgressListener listener;
  private final long startNanos = System.nanoTime();
  private long total;
  private long done;
  private long lastReportNanos = Long.MIN_VALUE;

  /**
   * Tracks {@code task} of {@code total} units ({@code -1} if unknown), reporting to {@code listener}.
   *
   * @param task names the work, such as {@code encoding}
   * @param total the units of work, or {@code -1} if unknown
   * @param listener receives the reports
   */
  public ProgressTracker(String task, long total, ProgressListener listener) {
    this.task = task;
    this.total = total;
    this.listener = listener;
  }

  /**
   * Changes the total, such as when it becomes known part-way.
   *
   * @param newTotal the units of work, or {@code -1} if unknown
   */
  public void total(long newTotal) {
    this.total = newTotal;
  }

  /**
   * Adds finished units and reports if the last report is old enough.
   *
   * @param units the units just finished
   */
  public void advance(long units) {
    done += units;
    long now = System.nanoTime();
    if (lastReportNanos == Long.MIN_VALUE || now - lastReportNanos >= DEFAULT_INTERVAL_NANOS) {
      report(now);
    }
  }

  /** Reports the final state, whatever the interval. */
  public void finish() {
    report(System.nanoTime());
  }

  /** {@return units done so far} */
  public long done() {
    return done;
  }

  private void report(long now) {
    lastReportNanos = now;
    Duration elapsed = Duration.ofNanos(now - startNanos);
    double seconds = elapsed.toNanos() / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    listener.onProgress(new Progress(task, done, total, rate, elapsed));
  }
}
