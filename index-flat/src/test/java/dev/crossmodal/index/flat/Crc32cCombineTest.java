package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cCombineTest {

  private static int crc(byte[] bytes, int from, int to) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, to - from);
    return (int) crc.getValue();
  }

  @Test
  void combiningTheChecksumsOfTwoRangesGivesTheChecksumOfBoth() {
    SplittableRandom random = new SplittableRandom(1);
    byte[] bytes = new byte[100_000];
    random.nextBytes(bytes);
    for (int split : new int[] {0, 1, 3, 4096, 65_537, 99_999, 100_000}) {
      int combined =
          Crc32cCombine.combine(
              crc(bytes, 0, split), crc(bytes, split, bytes.length), bytes.length - split);
      assertThat(combined).as("split at %d", split).isEqualTo(crc(bytes, 0, bytes.length));
    }
  }

  @Test
  void combiningSeveralRangesInOrderGivesTheChecksumOfAll() {
    byte[] bytes = new byte[10_000];
    new SplittableRandom(2).nextBytes(bytes);
    int total = crc(bytes, 0, 0);
    for (int from = 0; from < bytes.length; from += 1234) {
      int to = Math.min(bytes.length, from + 1234);
      total = Crc32cCombine.combine(total, crc(bytes, from, to), to - from);
    }
    assertThat(total).isEqualTo(crc(bytes, 0, bytes.length));
  }
}
