package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexFactory;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatIndexPersistenceTest {
  @TempDir Path dir;

  private Path committedIndex(int count, int dim) {
    Path file = dir.resolve("images.cmx");
    try (FlatIndex index = FlatIndex.builder(dim).file(file).build()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ids.add("img-" + i + (i % 7 == 0 ? "-ü-写真" : ""));
      }
      index.upsertAll(ids, TestVectors.random(new SplittableRandom(count), count, dim));
      index.commit();
    }
    return file;
  }

  @Test
  void aCommittedIndexReopensWithTheSameIdsAndResults() {
    int dim = 37;
    Path file = dir.resolve("images.cmx");
    float[][] queries = TestVectors.random(new SplittableRandom(1), 4, dim);
    List<List<SearchHit>> before;
    List<String> idsBefore;
    try (FlatIndex index = FlatIndex.builder(dim).file(file).build()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        ids.add("img-" + i + (i % 7 == 0 ? "-ü-写真" : ""));
      }
      index.upsertAll(ids, TestVectors.random(new SplittableRandom(2), 500, dim));
      for (int i = 0; i < 500; i += 4) {
        index.delete(ids.get(i));
      }
      index.commit();
      before = index.search(queries, 20, IdFilter.ALL);
      idsBefore = index.ids();
    }
    try (FlatIndex reopened = FlatIndex.builder(dim).file(file).build()) {
      assertThat(reopened.size()).isEqualTo(375);
      assertThat(reopened.ids()).containsExactlyInAnyOrderElementsOf(idsBefore);
      assertThat(reopened.search(queries, 20, IdFilter.ALL)).isEqualTo(before);
      assertThat(reopened.contains("img-7-ü-写真")).isTrue();
      assertThat(reopened.contains("img-0-ü-写真")).isFalse();
    }
  }

  @Test
  void anEmptyIndexRoundTrips() {
    Path file = committedIndex(0, 5);
    assertThat(file).exists();
    try (FlatIndex reopened = FlatIndex.builder(5).file(file).build()) {
      assertThat(reopened.size()).isZero();
      reopened.upsert("a", new float[] {1, 0, 0, 0, 0});
      assertThat(reopened.search(new float[] {1, 0, 0, 0, 0}, 3)).hasSize(1);
    }
  }

  @Test
  void aReopenedIndexAcceptsMoreVectorsAndCommitsAgain() {
    Path file = committedIndex(40, 3);
    try (FlatIndex index = FlatIndex.builder(3).file(file).build()) {
      index.upsert("late", new float[] {0, 0, 1});
      index.delete("img-1");
      index.commit();
    }
    try (FlatIndex index = FlatIndex.builder(3).file(file).build()) {
      assertThat(index.size()).isEqualTo(40);
      assertThat(index.contains("late")).isTrue();
      assertThat(index.contains("img-1")).isFalse();
    }
  }

  @Test
  void uncommittedChangesAreNotWritten() {
    Path file = committedIndex(10, 3);
    try (FlatIndex index = FlatIndex.builder(3).file(file).build()) {
      index.upsert("uncommitted", new float[] {1, 1, 1});
    }
    try (FlatIndex index = FlatIndex.builder(3).file(file).build()) {
      assertThat(index.contains("uncommitted")).isFalse();
    }
  }

  @Test
  void commitLeavesNoTemporaryFilesBehind() throws IOException {
    committedIndex(10, 3);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files)
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder("images.cmx", "images.cmx.0.seg");
    }
  }

  @Test
  void theManifestHasTheDocumentedLayout() throws IOException {
    Path file = committedIndex(3, 2);
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[8];
    bytes.get(magic);
    assertThat(new String(magic, "US-ASCII")).isEqualTo("CMFLATIX");
    assertThat(bytes.getInt()).as("version").isEqualTo(2);
    assertThat(bytes.getInt()).as("dimension").isEqualTo(2);
    assertThat(bytes.getLong()).as("next segment number").isEqualTo(1);
    assertThat(bytes.getInt()).as("segments").isEqualTo(1);
    byte[] name = new byte[bytes.getInt()];
    bytes.get(name);
    assertThat(new String(name, "UTF-8")).isEqualTo("images.cmx.0.seg");
    assertThat(bytes.getInt()).as("vectors").isEqualTo(3);
    assertThat(bytes.getInt()).as("deleted").isZero();
    assertThat(bytes.remaining()).as("checksum").isEqualTo(4);
  }

  @Test
  void aSegmentHasTheDocumentedLayout() throws IOException {
    Path file = committedIndex(3, 2);
    Path segment = dir.resolve("images.cmx.0.seg");
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[8];
    bytes.get(magic);
    assertThat(new String(magic, "US-ASCII")).isEqualTo("CMFLATSG");
    assertThat(bytes.getInt()).as("version").isEqualTo(1);
    assertThat(bytes.getInt()).as("dimension").isEqualTo(2);
    assertThat(bytes.getLong()).as("count").isEqualTo(3);
    long idBytes = bytes.getLong();
    assertThat(idBytes).isEqualTo("img-0-ü-写真".getBytes("UTF-8").length + 5 + 5);
    int buckets = bytes.getInt();
    assertThat(buckets).isEqualTo(16);
    // floats at 64 (3 x 2 x 4 = 24 bytes), codes at 128 (6), scales at 192, margins at 204,
    // id ends at 256 (3 x 8), the table at 280 (16 x 4), the id bytes at 344.
    assertThat(bytes.getFloat(64) * bytes.getFloat(64) + bytes.getFloat(68) * bytes.getFloat(68))
        .isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(bytes.capacity()).isEqualTo(344 + idBytes);
    byte[] firstId = new byte[(int) bytes.getLong(256)];
    bytes.get(344, firstId);
    assertThat(new String(firstId, "UTF-8")).isEqualTo("img-0-ü-写真");
    assertThat(file).exists();
  }

  @Test
  void aTruncatedFileIsRefusedNamingTheFile() throws IOException {
    Path file = committedIndex(100, 16);
    long size = Files.size(file);
    for (long cut : new long[] {size - 1, size - 5, size / 2, 30, 10, 0}) {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(cut);
      }
      assertThatThrownBy(() -> FlatIndex.builder(16).file(file).build())
          .as("cut at %d", cut)
          .isInstanceOf(InvalidWorkspaceException.class)
          .hasMessageContaining(file.toString())
          .hasMessageMatching("(?s).*(truncated|corrupted).*");
    }
  }

  @Test
  void aFlippedBitAnywhereIsCaught() throws IOException {
    Path file = committedIndex(50, 8);
    byte[] original = Files.readAllBytes(file);
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 25; trial++) {
      byte[] damaged = original.clone();
      int at = random.nextInt(damaged.length);
      damaged[at] ^= (byte) (1 << random.nextInt(8));
      Files.write(file, damaged);
      assertThatThrownBy(() -> FlatIndex.builder(8).file(file).build())
          .as("bit flipped in byte %d", at)
          .isInstanceOf(InvalidWorkspaceException.class)
          .hasMessageContaining(file.toString());
    }
  }

  @Test
  void aCorruptedVectorIsReportedAsAChecksumMismatch() throws IOException {
    Path file = committedIndex(50, 8);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 20] ^= 0x10;
    Files.write(file, bytes);
    assertThatThrownBy(() -> FlatIndex.builder(8).file(file).build())
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("checksum");
  }

  @Test
  void anotherFormatVersionIsRefused() throws IOException {
    Path file = committedIndex(5, 4);
    byte[] bytes = Files.readAllBytes(file);
    bytes[8] = 3;
    Files.write(file, bytes);
    assertThatThrownBy(() -> FlatIndex.builder(4).file(file).build())
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("format version 3");
  }

  @Test
  void anotherDimensionIsRefused() {
    Path file = committedIndex(5, 4);
    assertThatThrownBy(() -> FlatIndex.builder(512).file(file).build())
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("dimension 4")
        .hasMessageContaining("512");
  }

  @Test
  void aFileOfAnotherKindIsRefused() throws IOException {
    Path file = dir.resolve("notes.cmx");
    Files.writeString(file, "This is not an index, just some text that is long enough.");
    assertThatThrownBy(() -> FlatIndex.builder(4).file(file).build())
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("magic");
  }

  @Test
  void theFactoryIsNamedFlatAndCreatesThenReopensIndexes() {
    VectorIndexFactory factory = FlatIndex.factory();
    assertThat(factory.name()).isEqualTo("flat");
    Path file = dir.resolve("sub").resolve("texts.cmx");
    try (VectorIndex index = factory.openOrCreate(file, 3)) {
      assertThat(index.size()).isZero();
      index.upsert("t", new float[] {1, 2, 3});
      index.commit();
    }
    try (VectorIndex index = factory.openOrCreate(file, 3)) {
      assertThat(index.ids()).containsExactly("t");
      assertThat(index.dimension()).isEqualTo(3);
    }
    assertThatThrownBy(() -> factory.openOrCreate(file, 4))
        .isInstanceOf(InvalidWorkspaceException.class);
  }

  @Test
  void commitOnAnInMemoryIndexDoesNothing() throws IOException {
    try (FlatIndex index = FlatIndex.builder(2).build()) {
      index.upsert("a", new float[] {1, 0});
      index.commit();
      assertThat(index.file()).isEmpty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
