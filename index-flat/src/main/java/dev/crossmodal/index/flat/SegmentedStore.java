package dev.crossmodal.index.flat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's side of a flat index: an in-heap write buffer ({@link SlotStore}) for recent
 * changes, and, for a file-backed index, immutable memory-mapped segments with per-segment
 * deletes. The buffer is flushed into a new segment file once it holds {@code flushVectors}
 * vectors and at every commit; {@link MergePolicy} then decides whether segments are merged. A
 * commit forces the new segments to disk and atomically rewrites the small manifest, which is what
 * makes them part of the index: a crash at any moment leaves the last committed manifest and the
 * segments it lists, and files no manifest lists are removed at the next open.
 *
 * <p>Not thread-safe: the index calls it under its writer lock. Searches read the snapshots it
 * publishes.
 */
final class SegmentedStore {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentedStore.class);
  private static final ValueLayout.OfFloat FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final int dimension;
  private final Path file;
  private final int flushVectors;
  private SlotStore buffer;
  private final List<SegmentState> segments = new ArrayList<>();
  private int version;
  private long nextSegment;
  /** Segment names listed by the manifest on disk. */
  private Set<String> committedNames = Set.of();
  /** Files of segments merged away but still listed by the manifest on disk. */
  private final List<Path> obsolete = new ArrayList<>();
  private boolean dirty;
  private WriteStats writeStats = WriteStats.NONE;

  /** A segment and the writer's record of its deletes. */
  private static final class SegmentState {
    final Segment segment;
    int[] deadAt;
    int dead;
    boolean synced;

    SegmentState(Segment segment, boolean synced) {
      this.segment = segment;
      this.synced = synced;
    }

    boolean isAlive(int slot) {
      return deadAt == null || deadAt[slot] == Snapshot.ALIVE;
    }
  }

  private SegmentedStore(int dimension, Path file, int flushVectors, SlotStore buffer) {
    this.dimension = dimension;
    this.file = file;
    this.flushVectors = flushVectors;
    this.buffer = buffer;
  }

  /** An index held in the heap only. */
  static SegmentedStore inMemory(int dimension) {
    return new SegmentedStore(dimension, null, Integer.MAX_VALUE, new SlotStore(dimension));
  }

  /**
   * Opens the index whose manifest is {@code file}, or a new one if there is none. Costs one
   * mapping and one small checksum per segment, nothing per vector; a version-1 file (one file
   * with every vector) is loaded into the buffer and written as segments at the next commit.
   */
  static SegmentedStore open(Path file, int dimension, int flushVectors) {
    byte[] bytes = Manifest.readBytes(file);
    if (bytes == null) {
      SegmentedStore store =
          new SegmentedStore(dimension, file, flushVectors, new SlotStore(dimension));
      store.removeUnlisted();
      // The first commit writes a manifest even with nothing in it, so the index exists on disk.
      store.dirty = true;
      return store;
    }
    int version = FlatIndexFile.checkMagicAndVersion(file, bytes);
    if (version == 1) {
      SegmentedStore store =
          new SegmentedStore(dimension, file, flushVectors, FlatIndexFile.readVersion1(file, dimension));
      store.dirty = true;
      return store;
    }
    Manifest manifest = Manifest.read(file, bytes, dimension);
    SegmentedStore store =
        new SegmentedStore(dimension, file, flushVectors, new SlotStore(dimension));
    store.nextSegment = manifest.nextSegment();
    Set<String> names = new HashSet<>();
    for (Manifest.Entry entry : manifest.segments()) {
      Segment segment = Segment.open(file.resolveSibling(entry.name()), dimension);
      if (segment.count != entry.count()) {
        throw FlatIndexFile.damaged(
            file, "lists segment " + entry.name() + " with " + entry.count() + " vectors but it"
                + " holds " + segment.count);
      }
      SegmentState state = new SegmentState(segment, true);
      if (entry.deleted().length > 0) {
        state.deadAt = new int[segment.count];
        Arrays.fill(state.deadAt, Snapshot.ALIVE);
        for (int slot : entry.deleted()) {
          if (state.deadAt[slot] != Snapshot.ALIVE) {
            throw FlatIndexFile.damaged(file, "is corrupted: a slot is deleted twice");
          }
          state.deadAt[slot] = 0;
          state.dead++;
        }
      }
      store.segments.add(state);
      names.add(entry.name());
    }
    store.committedNames = names;
    store.removeUnlisted();
    return store;
  }

  int dimension() {
    return dimension;
  }

  long live() {
    long live = buffer.live();
    for (SegmentState s : segments) {
      live += s.segment.count - s.dead;
    }
    return live;
  }

  int segmentCount() {
    return segments.size();
  }

  boolean contains(String id) {
    return buffer.contains(id) || findLive(id) != null;
  }

  void upsert(String id, float[] vector, double scale) {
    if (!buffer.contains(id)) {
      killInSegments(id);
    }
    buffer.upsert(id, vector, scale);
    dirty = true;
  }

  boolean delete(String id) {
    boolean deleted = buffer.delete(id) || killInSegments(id);
    dirty |= deleted;
    return deleted;
  }

  /** Flushes the buffer into a segment if it is full (file-backed indexes only). */
  void flushIfFull() {
    if (file != null && buffer.live() >= flushVectors) {
      flush();
      merge();
    }
  }

  /** Publishes every change so far as a new snapshot. */
  IndexSnapshot publish() {
    if (buffer.needsCompaction()) {
      buffer.compact();
    }
    version++;
    SegmentView[] views = new SegmentView[segments.size()];
    for (int s = 0; s < views.length; s++) {
      views[s] = new SegmentView(segments.get(s).segment, segments.get(s).deadAt);
    }
    return new IndexSnapshot(buffer.publish(), views, version, live());
  }

  /**
   * Makes every change durable: flushes the buffer into a segment, forces new segments to disk,
   * then rewrites the manifest atomically. Does nothing when nothing changed.
   */
  void commit() {
    if (file == null || !dirty) {
      return;
    }
    flush();
    merge();
    long start = System.nanoTime();
    List<Manifest.Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (SegmentState s : segments) {
      if (!s.synced) {
        s.segment.force();
        s.synced = true;
      }
      int[] deleted = new int[s.dead];
      int n = 0;
      for (int slot = 0; s.deadAt != null && slot < s.deadAt.length; slot++) {
        if (s.deadAt[slot] != Snapshot.ALIVE) {
          deleted[n++] = slot;
        }
      }
      entries.add(new Manifest.Entry(s.segment.name, s.segment.count, deleted));
      names.add(s.segment.name);
    }
    Manifest.forceDirectory(file.toAbsolutePath().getParent());
    new Manifest(dimension, nextSegment, entries).write(file);
    committedNames = names;
    for (Path path : obsolete) {
      deleteQuietly(path);
    }
    obsolete.clear();
    dirty = false;
    writeStats = writeStats.plusTime(System.nanoTime() - start);
  }

  /** What this store has written since it was opened. */
  WriteStats writeStats() {
    return writeStats;
  }

  /** Merges every segment and the buffer into one segment without deletes. */
  void compact() {
    if (file == null) {
      buffer.compact();
      return;
    }
    flush();
    List<Integer> all = new ArrayList<>();
    for (int s = 0; s < segments.size(); s++) {
      all.add(s);
    }
    if (all.size() > 1 || (all.size() == 1 && segments.get(0).dead > 0)) {
      mergeSegments(all);
    }
  }

  /** Estimated heap bytes: the buffer, the delete tables and a little per segment. */
  long memoryBytes() {
    long bytes = buffer.memoryBytes();
    for (SegmentState s : segments) {
      bytes += 256 + (s.deadAt == null ? 0 : 16 + 4L * s.deadAt.length);
    }
    return bytes;
  }

  /** Checks the vector checksums of every segment. */
  void verify() {
    for (SegmentState s : segments) {
      s.segment.verify();
    }
  }

  private void flush() {
    Snapshot snapshot = buffer.publish();
    if (snapshot.live > 0) {
      int[] slots = new int[snapshot.live];
      int n = 0;
      for (int slot = 0; slot < snapshot.count; slot++) {
        if (snapshot.isLive(slot)) {
          slots[n++] = slot;
        }
      }
      long start = System.nanoTime();
      Segment segment = Segment.write(newSegmentPath(), dimension, new Segment.Source() {
        @Override
        public int count() {
          return slots.length;
        }

        @Override
        public String id(int i) {
          return snapshot.id(slots[i]);
        }

        @Override
        public void vector(int i, float[] target) {
          int slot = slots[i];
          int chunk = slot / snapshot.chunkVectors;
          int offset = (slot - chunk * snapshot.chunkVectors) * dimension;
          System.arraycopy(snapshot.vectors[chunk], offset, target, 0, dimension);
        }
      });
      segments.add(new SegmentState(segment, false));
      long nanos = System.nanoTime() - start;
      writeStats = writeStats.plusSegment(slots.length, segment.size, nanos);
      LOG.debug("Flushed {} vectors to {} in {} ms", slots.length, segment.name, nanos / 1_000_000);
    }
    buffer = new SlotStore(dimension);
  }

  private void merge() {
    while (true) {
      int[] counts = new int[segments.size()];
      int[] dead = new int[segments.size()];
      for (int s = 0; s < counts.length; s++) {
        counts[s] = segments.get(s).segment.count;
        dead[s] = segments.get(s).dead;
      }
      List<Integer> chosen = MergePolicy.select(counts, dead, flushVectors);
      if (chosen.isEmpty()) {
        return;
      }
      mergeSegments(chosen);
    }
  }

  /** Rewrites the live vectors of the chosen segments as one new segment that replaces them. */
  private void mergeSegments(List<Integer> chosen) {
    List<SegmentState> sources = new ArrayList<>();
    for (int s : chosen) {
      sources.add(segments.get(s));
    }
    int live = 0;
    for (SegmentState s : sources) {
      s.segment.verify();
      live += s.segment.count - s.dead;
    }
    int[] sourceOf = new int[live];
    int[] slotOf = new int[live];
    int n = 0;
    for (int i = 0; i < sources.size(); i++) {
      SegmentState s = sources.get(i);
      for (int slot = 0; slot < s.segment.count; slot++) {
        if (s.isAlive(slot)) {
          sourceOf[n] = i;
          slotOf[n++] = slot;
        }
      }
    }
    long start = System.nanoTime();
    Segment merged = null;
    if (live > 0) {
      merged = Segment.write(newSegmentPath(), dimension, new Segment.Source() {
        @Override
        public int count() {
          return sourceOf.length;
        }

        @Override
        public String id(int i) {
          return sources.get(sourceOf[i]).segment.id(slotOf[i]);
        }

        @Override
        public void vector(int i, float[] target) {
          MemorySegment floats = sources.get(sourceOf[i]).segment.floats;
          MemorySegment.copy(
              floats, FLOAT, (long) slotOf[i] * dimension * Float.BYTES, target, 0, dimension);
        }
      });
    }
    segments.removeAll(sources);
    if (merged != null) {
      segments.add(new SegmentState(merged, false));
    }
    for (SegmentState s : sources) {
      if (committedNames.contains(s.segment.name)) {
        obsolete.add(s.segment.file);
      } else {
        deleteQuietly(s.segment.file);
      }
    }
    dirty = true;
    long nanos = System.nanoTime() - start;
    if (merged != null) {
      writeStats = writeStats.plusSegment(live, merged.size, nanos);
    }
    LOG.debug("Merged {} segments ({} live vectors) in {} ms", sources.size(), live, nanos / 1_000_000);
  }

  private SegmentState findLive(String id) {
    for (int s = segments.size() - 1; s >= 0; s--) {
      SegmentState state = segments.get(s);
      int slot = state.segment.find(id);
      if (slot >= 0 && state.isAlive(slot)) {
        return state;
      }
    }
    return null;
  }

  private boolean killInSegments(String id) {
    for (int s = segments.size() - 1; s >= 0; s--) {
      SegmentState state = segments.get(s);
      int slot = state.segment.find(id);
      if (slot >= 0 && state.isAlive(slot)) {
        if (state.deadAt == null) {
          // A fresh array: published snapshots keep seeing none, so every slot alive.
          int[] deadAt = new int[state.segment.count];
          Arrays.fill(deadAt, Snapshot.ALIVE);
          state.deadAt = deadAt;
        }
        // Readers of older snapshots see a version newer than theirs and keep the slot.
        state.deadAt[slot] = version + 1;
        state.dead++;
        return true;
      }
    }
    return false;
  }

  private Path newSegmentPath() {
    return file.resolveSibling(file.getFileName() + "." + (nextSegment++) + ".seg");
  }

  /** Removes segment and temporary files of this index that the manifest does not list. */
  private void removeUnlisted() {
    Path dir = file.toAbsolutePath().getParent();
    String prefix = file.getFileName() + ".";
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path path : (Iterable<Path>) files::iterator) {
        String name = path.getFileName().toString();
        if (name.startsWith(prefix) && (name.endsWith(".seg") || name.endsWith(".tmp"))
            && !committedNames.contains(name)) {
          LOG.info("Removing {}, left by an interrupted write", path);
          deleteQuietly(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("Cannot delete {} now; it is removed at the next open", path, e);
    }
  }
}
