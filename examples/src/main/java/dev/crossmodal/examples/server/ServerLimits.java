package dev.crossmodal.examples.server;

/**
 * The documented limits of the REST server: what a client may ask for, and how much work one
 * request may cause.
 *
 * @param maxBodyBytes largest request body; larger ones get 413
 * @param defaultTopK matches per query when {@code top_k} is not given
 * @param maxTopK largest {@code top_k} accepted
 * @param maxQueries most data items in one request
 * @param maxConcurrentSearches searches encoded at the same time; more requests wait their turn,
 *     so that a burst cannot exhaust memory with image decodes
 */
public record ServerLimits(
    int maxBodyBytes, int defaultTopK, int maxTopK, int maxQueries, int maxConcurrentSearches) {
  /** 10 MiB bodies, top_k 10 by default and at most 100, 32 queries a request. */
  public static final ServerLimits DEFAULT =
      new ServerLimits(
          10 * 1024 * 1024, 10, 100, 32, Math.max(2, Runtime.getRuntime().availableProcessors()));

  public ServerLimits {
    if (maxBodyBytes < 1 || defaultTopK < 1 || maxTopK < defaultTopK || maxQueries < 1
        || maxConcurrentSearches < 1) {
      throw new IllegalArgumentException("invalid server limits: " + maxBodyBytes + ", " + defaultTopK
          + ", " + maxTopK + ", " + maxQueries + ", " + maxConcurrentSearches);
    }
  }

  public ServerLimits withMaxBodyBytes(int bytes) {
    return new ServerLimits(bytes, defaultTopK, maxTopK, maxQueries, maxConcurrentSearches);
  }

  public ServerLimits withMaxConcurrentSearches(int searches) {
    return new ServerLimits(maxBodyBytes, defaultTopK, maxTopK, maxQueries, searches);
  }
}
