package dev.crossmodal.index.flat;

import java.util.Arrays;

/**
 * The writer's side of a flat index: vectors in large contiguous chunks, the id of each slot, the
 * version at which each slot died, and the id-to-slot table. Vectors are appended, never moved or
 * overwritten while a snapshot can see them: an upsert kills the old slot and appends a new one; a
 * delete kills the slot; {@link #compact()} copies the live slots into fresh arrays.
 *
 * <p>Not thread-safe: the index calls it under its writer lock and hands the {@link Snapshot}s it
 * publishes to readers. Arrays that a snapshot references are never replaced in place: a growing
 * chunk is copied into a new array and a new outer array, so a reader holding an old snapshot reads
 * consistent data without locks.
 */
final class SlotStore {
  /**
   * Just under 32 MB of floats per chunk: large enough to stream, and a whole number of G1 heap
   * regions (1 to 32 MB) once the array header is added. A power-of-two-sized array would spill a
   * few bytes into one more region and waste up to a quarter of the heap.
   */
  private static final int TARGET_CHUNK_BYTES = (32 << 20) - 1024;
  private static final int MAX_CHUNK_VECTORS = 1 << 16;
  private static final int FIRST_CHUNK_CAPACITY = 16;
  /** Compaction pays for itself once a quarter of the slots are dead (and there are a few). */
  private static final int MIN_DEAD_FOR_COMPACTION = 256;

  private final int dimension;
  private final int chunkVectors;
  private float[][] vectors = new float[0][];
  private String[][] ids = new String[0][];
  private int[][] deadAt = new int[0][];
  private int count;
  private int live;
  private int version;
  private IdSlotTable table;

  SlotStore(int dimension) {
    this(dimension, 0);
  }

  private SlotStore(int dimension, int expected) {
    this.dimension = dimension;
    this.chunkVectors = chunkVectorsFor(dimension);
    this.table = new IdSlotTable(this::idAt, expected);
  }

  /** Vectors per full chunk for a dimension. */
  static int chunkVectorsFor(int dimension) {
    long vectorBytes = (long) dimension * Float.BYTES;
    return (int) Math.max(1, Math.min(MAX_CHUNK_VECTORS, TARGET_CHUNK_BYTES / vectorBytes));
  }

  /**
   * A store for {@code ids.length} live vectors whose vectors arrive later through {@link
   * #attachVectors}, so the id table can be built while they load.
   *
   * @throws IllegalArgumentException if an id appears twice
   */
  static SlotStore withIds(int dimension, String[] ids) {
    SlotStore store = new SlotStore(dimension, ids.length);
    int chunkVectors = store.chunkVectors;
    int chunkCount = (int) (((long) ids.length + chunkVectors - 1) / chunkVectors);
    store.ids = new String[chunkCount][];
    store.deadAt = new int[chunkCount][];
    for (int c = 0; c < chunkCount; c++) {
      int from = c * chunkVectors;
      int capacity = Math.min(chunkVectors, ids.length - from);
      store.ids[c] = Arrays.copyOfRange(ids, from, from + capacity);
      store.deadAt[c] = new int[capacity];
      Arrays.fill(store.deadAt[c], Snapshot.ALIVE);
    }
    store.count = ids.length;
    store.live = ids.length;
    for (int slot = 0; slot < ids.length; slot++) {
      if (store.table.put(ids[slot], slot) >= 0) {
        throw new IllegalArgumentException("duplicate id '" + ids[slot] + "'");
      }
    }
    return store;
  }

  /**
   * Sets the vectors of a store made by {@link #withIds}: vector {@code i} at floats {@code
   * (i % chunkVectors) * dimension} of {@code chunks[i / chunkVectors]}, each chunk full but the
   * last.
   */
  void attachVectors(float[][] chunks) {
    if (chunks.length != ids.length) {
      throw new IllegalArgumentException(chunks.length + " chunks for " + ids.length);
    }
    vectors = chunks;
  }

  int dimension() {
    return dimension;
  }

  int chunkVectors() {
    return chunkVectors;
  }

  int live() {
    return live;
  }

  int dead() {
    return count - live;
  }

  boolean contains(String id) {
    return table.get(id) >= 0;
  }

  /** The version that changes made now will publish. */
  private int nextVersion() {
    return version + 1;
  }

  /**
   * Stores {@code vector * scale} (a unit vector) under {@code id}, killing any older slot of it.
   * Scaling here, straight into the chunk, spares a bulk add a normalised copy of all its vectors.
   */
  void upsert(String id, float[] vector, double scale) {
    int slot = count;
    ensureCapacity(slot + 1);
    int chunk = slot / chunkVectors;
    int offset = slot - chunk * chunkVectors;
    dev.crossmodal.core.VectorNorms.scaleInto(vector, scale, vectors[chunk], offset * dimension);
    ids[chunk][offset] = id;
    deadAt[chunk][offset] = Snapshot.ALIVE;
    count++;
    live++;
    int previous = table.put(id, slot);
    if (previous >= 0) {
      kill(previous);
    }
  }

  /** Kills the slot of {@code id}; returns whether there was one. */
  boolean delete(String id) {
    int slot = table.remove(id);
    if (slot < 0) {
      return false;
    }
    kill(slot);
    return true;
  }

  private void kill(int slot) {
    // Readers of older snapshots see a version newer than theirs and keep the slot.
    int chunk = slot / chunkVectors;
    deadAt[chunk][slot - chunk * chunkVectors] = nextVersion();
    live--;
  }

  /** Publishes every change so far as a new snapshot. */
  Snapshot publish() {
    version = nextVersion();
    return new Snapshot(dimension, chunkVectors, count, live, version, vectors, ids, deadAt);
  }

  /** Whether dead slots take enough room (or versions ran far enough) to warrant compaction. */
  boolean needsCompaction() {
    int dead = count - live;
    return (dead >= MIN_DEAD_FOR_COMPACTION && dead >= count / 4)
        || version >= Integer.MAX_VALUE - 2;
  }

  /**
   * Copies the live slots into fresh arrays in slot order and renumbers versions from zero. Readers
   * of earlier snapshots keep the old arrays until they finish.
   */
  void compact() {
    int liveCount = live;
    int chunkCount = (int) (((long) liveCount + chunkVectors - 1) / chunkVectors);
    float[][] newVectors = new float[chunkCount][];
    String[][] newIds = new String[chunkCount][];
    int[][] newDeadAt = new int[chunkCount][];
    for (int c = 0; c < chunkCount; c++) {
      int capacity = Math.min(chunkVectors, liveCount - c * chunkVectors);
      newVectors[c] = new float[capacity * dimension];
      newIds[c] = new String[capacity];
      newDeadAt[c] = new int[capacity];
      Arrays.fill(newDeadAt[c], Snapshot.ALIVE);
    }
    int target = 0;
    for (int slot = 0; slot < count; slot++) {
      int chunk = slot / chunkVectors;
      int offset = slot - chunk * chunkVectors;
      if (deadAt[chunk][offset] != Snapshot.ALIVE) {
        continue;
      }
      int targetChunk = target / chunkVectors;
      int targetOffset = target - targetChunk * chunkVectors;
      System.arraycopy(
          vectors[chunk], offset * dimension, newVectors[targetChunk], targetOffset * dimension,
          dimension);
      newIds[targetChunk][targetOffset] = ids[chunk][offset];
      target++;
    }
    vectors = newVectors;
    ids = newIds;
    deadAt = newDeadAt;
    count = liveCount;
    version = 0;
    table = new IdSlotTable(this::idAt, count);
    for (int slot = 0; slot < count; slot++) {
      table.put(idAt(slot), slot);
    }
  }

  /** Bytes held by vectors, ids, versions and the id table (not counting the id strings). */
  long memoryBytes() {
    long bytes = table.memoryBytes();
    for (int c = 0; c < vectors.length; c++) {
      bytes += 48L + 4L * ((long) vectors[c].length + ids[c].length + deadAt[c].length);
    }
    return bytes;
  }

  private String idAt(int slot) {
    int chunk = slot / chunkVectors;
    return ids[chunk][slot - chunk * chunkVectors];
  }

  private void ensureCapacity(int slots) {
    int lastChunk = (slots - 1) / chunkVectors;
    int needed = slots - lastChunk * chunkVectors;
    if (lastChunk >= vectors.length) {
      vectors = Arrays.copyOf(vectors, lastChunk + 1);
      ids = Arrays.copyOf(ids, lastChunk + 1);
      deadAt = Arrays.copyOf(deadAt, lastChunk + 1);
      int capacity = Math.min(chunkVectors, FIRST_CHUNK_CAPACITY);
      vectors[lastChunk] = new float[capacity * dimension];
      ids[lastChunk] = new String[capacity];
      deadAt[lastChunk] = new int[capacity];
      return;
    }
    int capacity = ids[lastChunk].length;
    if (needed <= capacity) {
      return;
    }
    int grown = Math.min(chunkVectors, Math.max(needed, capacity * 2));
    // New outer arrays too: a published snapshot must keep pointing at the arrays it was given.
    vectors = vectors.clone();
    ids = ids.clone();
    deadAt = deadAt.clone();
    vectors[lastChunk] = Arrays.copyOf(vectors[lastChunk], grown * dimension);
    ids[lastChunk] = Arrays.copyOf(ids[lastChunk], grown);
    deadAt[lastChunk] = Arrays.copyOf(deadAt[lastChunk], grown);
  }
}
