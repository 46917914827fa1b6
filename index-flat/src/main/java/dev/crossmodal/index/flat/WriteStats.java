package dev.crossmodal.index.flat;

import java.time.Duration;

/**
 * What a {@link FlatIndex} has written to disk since it was opened: segments written by flushes
 * of the write buffer and by merges, and the time spent on them and on commits (forcing files to
 * disk, rewriting the manifest). A monitor can read the write amplification of the merge policy
 * from it ({@code vectorsWritten} over the vectors added), and a benchmark the whole cost of
 * persisting an index, which adds spread over flushes and merges long before the first commit.
 *
 * <pre>{@code
 * WriteStats stats = index.writeStats();
 * log.info("{} segments, {} MB in {} s", stats.segmentsWritten(),
 *     stats.bytesWritten() / 1_000_000, stats.writeTime().toSeconds());
 * }</pre>
 *
 * @param segmentsWritten segment files written, by flushes and merges
 * @param vectorsWritten vectors written into them (a merged vector counts again)
 * @param bytesWritten bytes of those segment files
 * @param writeTime time spent writing segments and committing
 */
public record WriteStats(
    long segmentsWritten, long vectorsWritten, long bytesWritten, Duration writeTime) {

  /** Nothing written yet. */
  public static final WriteStats NONE = new WriteStats(0, 0, 0, Duration.ZERO);

  WriteStats plusSegment(long vectors, long bytes, long nanos) {
    return new WriteStats(segmentsWritten + 1, vectorsWritten + vectors, bytesWritten + bytes,
        writeTime.plusNanos(nanos));
  }

  WriteStats plusTime(long nanos) {
    return new WriteStats(segmentsWritten, vectorsWritten, bytesWritten, writeTime.plusNanos(nanos));
  }
}
