package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelBatchesTest {
  private static PixelTensor tensor(float first, int height, int width) {
    float[] data = new float[3 * height * width];
    for (int i = 0; i < data.length; i++) {
      data[i] = first + i;
    }
    return new PixelTensor(data, 3, height, width);
  }

  private static float[] read(FloatBuffer buffer) {
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  @Test
  void stacksTensorsOneAfterTheOtherWithTheBatchShape() {
    PixelTensor a = tensor(0, 2, 3);
    PixelTensor b = tensor(100, 2, 3);

    try (PixelBatches.Lease lease = new PixelBatches(1).stack(List.of(a, b))) {
      assertThat(lease.shape()).containsExactly(2, 3, 2, 3);
      float[] samples = read(lease.floats());
      assertThat(samples).hasSize(36);
      assertThat(samples).startsWith(a.data()).endsWith(b.data());
    }
  }

  @Test
  void givesADirectNativeOrderBufferThatAnEngineCanReadInPlace() {
    try (PixelBatches.Lease lease = new PixelBatches(1).stack(List.of(tensor(0, 2, 2)))) {
      assertThat(lease.floats().isDirect()).isTrue();
      assertThat(lease.floats().order()).isEqualTo(ByteOrder.nativeOrder());
    }
  }

  @Test
  void reusesAReturnedBufferForTheNextBatch() {
    PixelBatches batches = new PixelBatches(1);
    batches.stack(List.of(tensor(0, 4, 4), tensor(1, 4, 4))).close();
    assertThat(batches.kept()).isEqualTo(1);

    try (PixelBatches.Lease lease = batches.stack(List.of(tensor(7, 4, 4)))) {
      assertThat(batches.kept()).isZero();
      // The reused buffer is larger than this batch: only this batch's samples are visible.
      assertThat(read(lease.floats())).containsExactly(tensor(7, 4, 4).data());
    }
  }

  @Test
  void keepsNoMoreBuffersThanAsked() {
    PixelBatches batches = new PixelBatches(1);
    PixelBatches.Lease first = batches.stack(List.of(tensor(0, 2, 2)));
    PixelBatches.Lease second = batches.stack(List.of(tensor(0, 2, 2)));
    first.close();
    second.close();
    second.close();

    assertThat(batches.kept()).isEqualTo(1);
  }

  @Test
  void replacesAKeptBufferTooSmallForALargerBatch() {
    PixelBatches batches = new PixelBatches(1);
    batches.stack(List.of(tensor(0, 2, 2))).close();

    try (PixelBatches.Lease lease = batches.stack(List.of(tensor(0, 8, 8), tensor(5, 8, 8)))) {
      assertThat(lease.shape()).containsExactly(2, 3, 8, 8);
      assertThat(read(lease.floats())).hasSize(2 * 3 * 8 * 8);
    }
  }

  @Test
  void refusesTensorsOfDifferentShapesNamingBoth() {
    assertThatThrownBy(() -> new PixelBatches(1).stack(List.of(tensor(0, 2, 2), tensor(0, 2, 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[3,2,2]")
        .hasMessageContaining("[3,2,3]");
  }

  @Test
  void refusesAnEmptyBatch() {
    assertThatThrownBy(() -> new PixelBatches(1).stack(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
