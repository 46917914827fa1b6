package dev.crossmodal.index.flat;

/**
 * A segment as one snapshot sees it: slot {@code s} is alive unless {@code deadAt} is set and
 * {@code deadAt[s] <= version}. The writer fills {@code deadAt} in place with versions newer than
 * any published snapshot's, so a running search keeps seeing what it started with; a segment
 * without deletes has no array at all.
 */
record SegmentView(Segment segment, int[] deadAt) {
  boolean isLive(int slot, int version) {
    return deadAt == null || deadAt[slot] > version;
  }
}
