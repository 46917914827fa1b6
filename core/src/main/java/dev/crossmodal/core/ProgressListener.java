package dev.crossmodal.core;

/**
 * Receives progress of long jobs (indexing, downloads). Called from the job's thread; keep it
 * quick. The CLI draws a progress bar from it; a server could publish it.
 */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores all progress. */
  ProgressListener NONE = progress -> {};

  /**
   * Called as work advances; must be quick, it runs on the working thread.
   *
   * @param progress the task, units done and total
   */
  void onProgress(Progress progress);
}
