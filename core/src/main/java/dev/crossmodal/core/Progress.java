package dev.crossmodal.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a long job's progress.
 *
 * @param task what is being done, such as {@code indexing} or {@code downloading vision_model.onnx}
 * @param done units finished so far (items, bytes)
 * @param total units in all, or -1 when unknown
 * @param ratePerSecond units per second since the start
 * @param elapsed time since the start
 */
public record Progress(String task, long done, long total, double ratePerSecond, Duration elapsed) {

  /** {@return estimated time left, when the total and a rate are known} */
  public Optional<Duration> eta() {
    if (total < 0 || ratePerSecond <= 0 || done > total) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) ((total - done) / ratePerSecond * 1000)));
  }
}
