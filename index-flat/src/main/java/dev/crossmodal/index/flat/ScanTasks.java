package dev.crossmodal.index.flat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the parallel parts of a scan, shared by the buffer's and the segments' searchers. */
final class ScanTasks {
  private ScanTasks() {}

  /**
   * The result of one part of a scan. An interrupt is kept for the caller but does not abandon
   * the wait: the scan is short, and leaving would leave a worker writing into abandoned heaps.
   * A worker's failure is rethrown as it was.
   */
  static <T> T join(Future<T> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("search failed", cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
