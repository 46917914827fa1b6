package dev.crossmodal.examples.server;

import dev.crossmodal.image.ImageDecoder;

/**
 * The documented limits of the REST server: what a client may ask for, and how much work one
 * request may cause.
 *
 * @param maxBodyBytes largest request body; larger ones get 413
 * @param defaultTopK matches per query when {@code top_k} is not given
 * @param maxTopK largest {@code top_k} accepted
 * @param maxQueries most data items in one request
 * @param maxConcurrentSearches text queries encoded at the same time; more wait their turn
 * @param maxConcurrentImageSearches image queries decoded and encoded at the same time, in a queue
 *     of their own so that text queries never wait behind image decodes
 * @param maxImagePixels largest {@code width * height} an image query may declare; larger ones get
 *     413 before any pixel is decoded (well under Pillow's 89.5 MP, which a 633-byte JPEG can claim)
 * @param maxRequestPixels the pixel budget of one request: the declared sizes of all its image
 *     queries together
 * @param maxHeaderBytes largest request line plus headers; larger ones get 414 or 431
 * @param idleTimeoutMillis a connection idle this long is closed
 * @param minRequestBytesPerSecond a request body sent slower than this is cut off (408)
 */
public record ServerLimits(
    int maxBodyBytes,
    int defaultTopK,
    int maxTopK,
    int maxQueries,
    int maxConcurrentSearches,
    int maxConcurrentImageSearches,
    long maxImagePixels,
    long maxRequestPixels,
    int maxHeaderBytes,
    long idleTimeoutMillis,
    long minRequestBytesPerSecond) {
  /**
   * 10 MiB bodies, top_k 10 by default and at most 100, 32 queries a request, {@link
   * ImageDecoder#SERVER_MAX_PIXELS} (40 MP) an image and twice that a request, 8 KiB of headers,
   * 30 s idle, 1 KiB/s at least.
   */
  public static final ServerLimits DEFAULT =
      new ServerLimits(
          10 * 1024 * 1024, 10, 100, 32, Math.max(2, Runtime.getRuntime().availableProcessors()),
          Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
          ImageDecoder.SERVER_MAX_PIXELS, 2 * ImageDecoder.SERVER_MAX_PIXELS, 8 * 1024, 30_000L, 1024L);

  public ServerLimits {
    if (maxBodyBytes < 1 || defaultTopK < 1 || maxTopK < defaultTopK || maxQueries < 1
        || maxConcurrentSearches < 1 || maxConcurrentImageSearches < 1 || maxImagePixels < 1
        || maxRequestPixels < maxImagePixels || maxHeaderBytes < 1024 || idleTimeoutMillis < 1
        || minRequestBytesPerSecond < 0) {
      throw new IllegalArgumentException("invalid server limits: " + maxBodyBytes + ", " + defaultTopK
          + ", " + maxTopK + ", " + maxQueries + ", " + maxConcurrentSearches + ", "
          + maxConcurrentImageSearches + ", " + maxImagePixels + ", " + maxRequestPixels + ", "
          + maxHeaderBytes + ", " + idleTimeoutMillis + ", " + minRequestBytesPerSecond);
    }
  }

  public ServerLimits withMaxBodyBytes(int bytes) {
    return new ServerLimits(bytes, defaultTopK, maxTopK, maxQueries, maxConcurrentSearches,
        maxConcurrentImageSearches, maxImagePixels, maxRequestPixels, maxHeaderBytes,
        idleTimeoutMillis, minRequestBytesPerSecond);
  }

  public ServerLimits withMaxConcurrentSearches(int searches) {
    return new ServerLimits(maxBodyBytes, defaultTopK, maxTopK, maxQueries, searches,
        maxConcurrentImageSearches, maxImagePixels, maxRequestPixels, maxHeaderBytes,
        idleTimeoutMillis, minRequestBytesPerSecond);
  }

  /** The largest image a query may declare, and the pixel budget of one request. */
  public ServerLimits withPixelLimits(long imagePixels, long requestPixels) {
    return new ServerLimits(maxBodyBytes, defaultTopK, maxTopK, maxQueries, maxConcurrentSearches,
        maxConcurrentImageSearches, imagePixels, requestPixels, maxHeaderBytes,
        idleTimeoutMillis, minRequestBytesPerSecond);
  }

  /** How long an idle connection is kept open. */
  public ServerLimits withIdleTimeoutMillis(long millis) {
    return new ServerLimits(maxBodyBytes, defaultTopK, maxTopK, maxQueries, maxConcurrentSearches,
        maxConcurrentImageSearches, maxImagePixels, maxRequestPixels, maxHeaderBytes,
        millis, minRequestBytesPerSecond);
  }
}
