package dev.crossmodal.index.flat;

import java.util.ArrayList;
import java.util.List;

/**
 * What one search sees: the slots published at one version. Slots below {@link #count} never change
 * their vector or id; a delete only writes, into the shared {@code deadAt} array, the version at
 * which the slot died, which is newer than this snapshot's version, so a running search keeps
 * seeing the slot. Anything appended later lies beyond {@link #count}.
 */
final class Snapshot {
  /** {@code deadAt} value of a slot that is alive. */
  static final int ALIVE = Integer.MAX_VALUE;

  final int dimension;
  final int chunkVectors;
  final int count;
  final int live;
  final int version;
  final float[][] vectors;
  final String[][] ids;
  final int[][] deadAt;

  Snapshot(
      int dimension, int chunkVectors, int count, int live, int version, float[][] vectors,
      String[][] ids, int[][] deadAt) {
    this.dimension = dimension;
    this.chunkVectors = chunkVectors;
    this.count = count;
    this.live = live;
    this.version = version;
    this.vectors = vectors;
    this.ids = ids;
    this.deadAt = deadAt;
  }

  boolean isLive(int slot) {
    int chunk = slot / chunkVectors;
    return deadAt[chunk][slot - chunk * chunkVectors] > version;
  }

  String id(int slot) {
    int chunk = slot / chunkVectors;
    return ids[chunk][slot - chunk * chunkVectors];
  }

  /** Every live id, in slot order. */
  List<String> liveIds() {
    List<String> result = new ArrayList<>(live);
    for (int slot = 0; slot < count; slot++) {
      if (isLive(slot)) {
        result.add(id(slot));
      }
    }
    return result;
  }
}
