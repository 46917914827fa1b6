package dev.crossmodal.core.workspace;

import java.util.Map;
import java.util.Optional;

/**
 * What the last commit of a workspace covered of each of its files, recorded in the manifest and
 * checked on every open, so that a truncated, deleted, swapped or replaced file is refused with a
 * clear error instead of giving wrong answers.
 *
 * @param log what the commit covered of {@code documents.log}
 * @param vectors per vectors file name, what the commit wrote there
 * @param pending whether a commit was under way when the manifest was written: its writer (or a
 *     crash) may have left vectors files newer than this coverage, which opening then checks by
 *     content instead
 */
record CommitCoverage(LogCoverage log, Map<String, VectorsCoverage> vectors, boolean pending) {
  CommitCoverage {
    vectors = Map.copyOf(vectors);
  }

  CommitCoverage asPending() {
    return new CommitCoverage(log, vectors, true);
  }

  Optional<VectorsCoverage> vectorsFile(String name) {
    return Optional.ofNullable(vectors.get(name));
  }

  /**
   * The committed prefix of the document log.
   *
   * @param records how many records it holds
   * @param bytes its length, header included
   * @param crc32c the CRC32C of those bytes, as 8 hex digits
   */
  record LogCoverage(long records, long bytes, String crc32c) {}

  /**
   * A committed vectors file.
   *
   * @param modality the name of the modality whose vectors it holds
   * @param count how many vectors it holds
   * @param fingerprint its {@link FileFingerprint}
   */
  record VectorsCoverage(String modality, long count, FileFingerprint fingerprint) {}
}
