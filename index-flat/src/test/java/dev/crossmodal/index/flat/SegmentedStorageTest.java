package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.SearchHit;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits write segments and a small manifest; merges, crashes and damage behave as documented. */
class SegmentedStorageTest {
  private static final int DIM = 12;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("images.cmx");
  }

  private static List<String> ids(String prefix, int from, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      ids.add(prefix + i);
    }
    return ids;
  }

  private List<String> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".seg"))
          .sorted().toList();
    }
  }

  @Test
  void anAppendCommitWritesOneNewSegmentAndLeavesTheOldOneUntouched() throws IOException {
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).build()) {
      index.upsertAll(ids("a", 0, 200), TestVectors.random(new SplittableRandom(1), 200, DIM));
      index.commit();
      Path first = dir.resolve("images.cmx.0.seg");
      Files.setLastModifiedTime(first, FileTime.fromMillis(0));
      byte[] before = Files.readAllBytes(first);
      index.upsertAll(ids("b", 0, 2), TestVectors.random(new SplittableRandom(2), 2, DIM));
      index.commit();
      assertThat(segmentFiles()).containsExactly("images.cmx.0.seg", "images.cmx.1.seg");
      assertThat(Files.getLastModifiedTime(first).toMillis()).isZero();
      assertThat(Files.readAllBytes(first)).isEqualTo(before);
      assertThat(Files.size(dir.resolve("images.cmx.1.seg"))).isLessThan(Files.size(first) / 10);
    }
  }

  @Test
  void deletesAndReplacementsOfCommittedVectorsSurviveReopening() {
    float[][] vectors = TestVectors.random(new SplittableRandom(3), 100, DIM);
    float[] replacement = TestVectors.random(new SplittableRandom(4), DIM);
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).build()) {
      index.upsertAll(ids("v", 0, 100), vectors);
      index.commit();
      index.delete("v3");
      index.upsert("v5", replacement);
      index.commit();
    }
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).build()) {
      assertThat(index.size()).isEqualTo(99);
      assertThat(index.contains("v3")).isFalse();
      assertThat(index.ids()).doesNotHaveDuplicates().hasSize(99);
      List<SearchHit> best = index.search(replacement, 1);
      assertThat(best.get(0).id()).isEqualTo("v5");
      assertThat(best.get(0).score()).isEqualTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
      assertThat(index.search(vectors[3], 100)).extracting(SearchHit::id).doesNotContain("v3");
    }
  }

  @Test
  void theBufferFlushesIntoSegmentsAndMergesKeepTheirNumberLogarithmic() throws IOException {
    Map<String, float[]> stored = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(5);
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).flushVectors(10).build()) {
      for (int batch = 0; batch < 30; batch++) {
        List<String> ids = ids("x", batch * 10, 10);
        float[][] vectors = TestVectors.random(random, 10, DIM);
        index.upsertAll(ids, vectors);
        for (int i = 0; i < 10; i++) {
          stored.put(ids.get(i), vectors[i]);
        }
      }
      // 30 flushes of 10: every tenth merges ten level-0 segments into one of level 1.
      assertThat(index.segmentCount()).isEqualTo(3);
      float[] query = TestVectors.random(random, DIM);
      assertThat(index.search(query, 5)).extracting(SearchHit::id)
          .containsExactlyElementsOf(
              TestVectors.bruteForce(stored, query).subList(0, 5).stream()
                  .map(SearchHit::id).toList());
      index.commit();
      index.compact();
      index.commit();
      assertThat(index.segmentCount()).isEqualTo(1);
      assertThat(segmentFiles()).hasSize(1);
      assertThat(index.size()).isEqualTo(300);
    }
  }

  @Test
  void writeStatsCountFlushedAndMergedSegmentsAndTheirVectors() throws IOException {
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).flushVectors(10).build()) {
      assertThat(index.writeStats()).isEqualTo(WriteStats.NONE);
      for (int batch = 0; batch < 10; batch++) {
        index.upsertAll(ids("w", batch * 10, 10), TestVectors.random(new SplittableRandom(batch), 10, DIM));
      }
      index.upsertAll(ids("t", 0, 3), TestVectors.random(new SplittableRandom(11), 3, DIM));
      index.commit();

      // Ten flushes of 10, one merge of those 100, and the commit's flush of the last 3.
      WriteStats stats = index.writeStats();
      assertThat(stats.segmentsWritten()).isEqualTo(12);
      assertThat(stats.vectorsWritten()).isEqualTo(203);
      assertThat(stats.bytesWritten()).isGreaterThan(203L * DIM * Float.BYTES);
      assertThat(stats.writeTime()).isPositive();
    }
  }

  @Test
  void anInMemoryIndexWritesNothing() {
    try (FlatIndex index = FlatIndex.builder(DIM).build()) {
      index.upsertAll(ids("m", 0, 5), TestVectors.random(new SplittableRandom(12), 5, DIM));
      index.commit();

      assertThat(index.writeStats()).isEqualTo(WriteStats.NONE);
    }
  }

  @Test
  void segmentsWrittenAfterTheLastCommitAreRemovedAtTheNextOpen() throws IOException {
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).flushVectors(10).build()) {
      index.upsertAll(ids("c", 0, 10), TestVectors.random(new SplittableRandom(6), 10, DIM));
      index.commit();
      // Flushed into a segment, but never committed: as if the process died now.
      index.upsertAll(ids("u", 0, 10), TestVectors.random(new SplittableRandom(7), 10, DIM));
      assertThat(segmentFiles()).hasSize(2);
    }
    Files.writeString(dir.resolve("images.cmx.9.seg.tmp"), "half-written");
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).build()) {
      assertThat(index.size()).isEqualTo(10);
      assertThat(index.contains("u0")).isFalse();
      assertThat(segmentFiles()).containsExactly("images.cmx.0.seg");
      assertThat(dir.resolve("images.cmx.9.seg.tmp")).doesNotExist();
    }
  }

  @Test
  void aMissingOrTruncatedSegmentIsRefusedNamingIt() throws IOException {
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).build()) {
      index.upsertAll(ids("m", 0, 20), TestVectors.random(new SplittableRandom(8), 20, DIM));
      index.commit();
    }
    Path segment = dir.resolve("images.cmx.0.seg");
    byte[] original = Files.readAllBytes(segment);
    try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
      raf.setLength(original.length - 1);
    }
    assertThatThrownBy(() -> FlatIndex.builder(DIM).file(file()).build())
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining(segment.toString())
        .hasMessageContaining("truncated");
    Files.delete(segment);
    assertThatThrownBy(() -> FlatIndex.builder(DIM).file(file()).build())
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining(segment.toString())
        .hasMessageContaining("missing");
  }

  @Test
  void aFlippedBitInIdsOrHeaderIsCaughtAtOpenAndInVectorsByVerify() throws IOException {
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).build()) {
      index.upsertAll(ids("f", 0, 20), TestVectors.random(new SplittableRandom(9), 20, DIM));
      index.commit();
    }
    Path segment = dir.resolve("images.cmx.0.seg");
    byte[] original = Files.readAllBytes(segment);
    for (int at : new int[] {3, 13, 20, original.length - 1, original.length - 100}) {
      byte[] damaged = original.clone();
      damaged[at] ^= 0x04;
      Files.write(segment, damaged);
      assertThatThrownBy(() -> FlatIndex.builder(DIM).file(file()).build())
          .as("bit flipped in byte %d", at)
          .isInstanceOf(InvalidWorkspaceException.class)
          .hasMessageContaining(segment.toString());
    }
    byte[] damaged = original.clone();
    damaged[64 + 5] ^= 0x01;
    Files.write(segment, damaged);
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).build()) {
      assertThatThrownBy(index::verify)
          .isInstanceOf(InvalidWorkspaceException.class)
          .hasMessageContaining(segment.toString())
          .hasMessageContaining("checksum");
    }
  }

  @Test
  void aVersionOneFileOpensAndItsNextCommitWritesSegments() throws IOException {
    float[] a = {1, 0, 0};
    float[] b = {0, 1, 0};
    ByteBuffer v1 = ByteBuffer.allocate(24 + 4 + 1 + 4 + 1 + 2 * 3 * 4 + 4)
        .order(ByteOrder.LITTLE_ENDIAN);
    v1.put("CMFLATIX".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(3).putLong(2);
    v1.putInt(1).put((byte) 'a').putInt(1).put((byte) 'b');
    for (float x : a) {
      v1.putFloat(x);
    }
    for (float x : b) {
      v1.putFloat(x);
    }
    CRC32C crc = new CRC32C();
    crc.update(v1.array(), 0, v1.position());
    v1.putInt((int) crc.getValue());
    Files.write(file(), v1.array());
    try (FlatIndex index = FlatIndex.builder(3).file(file()).build()) {
      assertThat(index.search(new float[] {0, 2, 0}, 1).get(0).id()).isEqualTo("b");
      index.commit();
    }
    assertThat(Files.readAllBytes(file())[8]).isEqualTo((byte) 2);
    try (FlatIndex index = FlatIndex.builder(3).file(file()).build()) {
      assertThat(index.ids()).containsExactlyInAnyOrder("a", "b");
      assertThat(index.segmentCount()).isEqualTo(1);
    }
  }

  @Test
  void searchesSeeTheBufferAndTheSegmentsTogether() {
    SplittableRandom random = new SplittableRandom(10);
    Map<String, float[]> stored = new LinkedHashMap<>();
    try (FlatIndex index = FlatIndex.builder(DIM).file(file()).threads(2).build()) {
      float[][] committed = TestVectors.random(random, 300, DIM);
      index.upsertAll(ids("s", 0, 300), committed);
      index.commit();
      float[][] buffered = TestVectors.random(random, 50, DIM);
      index.upsertAll(ids("s", 280, 50), buffered);
      for (int i = 0; i < 300; i++) {
        stored.put("s" + i, committed[i]);
      }
      for (int i = 0; i < 50; i++) {
        stored.put("s" + (280 + i), buffered[i]);
      }
      float[][] queries = TestVectors.random(random, 7, DIM);
      List<List<SearchHit>> batch = index.search(queries, 10, IdFilter.ALL);
      for (int q = 0; q < queries.length; q++) {
        assertThat(index.search(queries[q], 10)).isEqualTo(batch.get(q));
        assertThat(batch.get(q)).extracting(SearchHit::id).containsExactlyElementsOf(
            TestVectors.bruteForce(stored, queries[q]).subList(0, 10).stream()
                .map(SearchHit::id).toList());
      }
      assertThat(index.size()).isEqualTo(330);
    }
  }
}
