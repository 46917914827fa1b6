package dev.crossmodal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingEncoderTest {

  /** Encodes token ids as the unnormalised vector [length, 1]; records every batch it runs. */
  private static class LengthEncoder extends BatchingEncoder<TokenIds> {
    final List<List<Integer>> batches = new ArrayList<>();
    private final boolean sortByLength;

    LengthEncoder(int batchSize, boolean sortByLength) {
      super(Modality.TEXT, batchSize);
      this.sortByLength = sortByLength;
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    protected TokenIds prepareContent(Document document) {
      int[] ids = new int[document.text().length()];
      return new TokenIds(ids, ids.length);
    }

    @Override
    protected void validate(int position, TokenIds input) {
      if (input.length() == 0) {
        throw new InvalidInputException("input #" + position + " is empty");
      }
    }

    @Override
    protected Comparator<TokenIds> batchOrder() {
      return sortByLength ? Comparator.comparingInt(TokenIds::length) : null;
    }

    @Override
    protected float[][] infer(List<TokenIds> batch) {
      batches.add(batch.stream().map(TokenIds::length).toList());
      float[][] rows = new float[batch.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = new float[] {batch.get(i).length(), 1};
      }
      return rows;
    }
  }

  private static List<TokenIds> lengths(int... lengths) {
    List<TokenIds> out = new ArrayList<>();
    for (int length : lengths) {
      out.add(new TokenIds(new int[length], length));
    }
    return out;
  }

  private static float[] unit(float x, float y) {
    return VectorNorms.normalize(new float[] {x, y});
  }

  @Test
  void batchesHoldAtMostBatchSizeInputsInInputOrder() {
    LengthEncoder encoder = new LengthEncoder(2, false);
    encoder.encodePrepared(lengths(5, 1, 4, 2, 3));
    assertThat(encoder.batches).containsExactly(List.of(5, 1), List.of(4, 2), List.of(3));
  }

  @Test
  void rowsComeBackNormalisedInInputOrder() {
    float[][] vectors = new LengthEncoder(2, false).encodePrepared(lengths(3, 1, 7));
    assertThat(vectors).isEqualTo(new float[][] {unit(3, 1), unit(1, 1), unit(7, 1)});
  }

  @Test
  void batchOrderGroupsSimilarInputsButKeepsResultsInInputOrder() {
    LengthEncoder encoder = new LengthEncoder(2, true);
    float[][] vectors = encoder.encodePrepared(lengths(5, 1, 4, 2, 3));
    assertThat(encoder.batches).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    assertThat(vectors)
        .isEqualTo(new float[][] {unit(5, 1), unit(1, 1), unit(4, 1), unit(2, 1), unit(3, 1)});
  }

  @Test
  void maximalBatchSizeRunsTheWholeCallAsOneBatch() {
    LengthEncoder encoder = new LengthEncoder(Integer.MAX_VALUE, false);
    encoder.encodePrepared(lengths(1, 2, 3));
    assertThat(encoder.batches).containsExactly(List.of(1, 2, 3));
  }

  @Test
  void anEmptyCallRunsNoBatch() {
    LengthEncoder encoder = new LengthEncoder(4, true);
    assertThat(encoder.encodePrepared(List.of())).isEmpty();
    assertThat(encoder.batches).isEmpty();
  }

  @Test
  void everyInputIsValidatedBeforeAnyBatchRuns() {
    LengthEncoder encoder = new LengthEncoder(1, false);
    assertThatThrownBy(() -> encoder.encodePrepared(lengths(1, 2, 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input #2 is empty");
    assertThat(encoder.batches).isEmpty();
  }

  @Test
  void aModelThatAnswersWithAnotherRowCountIsRefused() {
    BatchingEncoder<TokenIds> broken =
        new LengthEncoder(4, false) {
          @Override
          protected float[][] infer(List<TokenIds> batch) {
            return new float[][] {{1, 0}};
          }
        };
    assertThatThrownBy(() -> broken.encodePrepared(lengths(1, 2)))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("1 vectors for a batch of 2");
  }

  @Test
  void prepareRefusesAnotherContentKindNamingTheDocument() {
    Document image = Document.image("img-1", ImageSource.of("x.png", new byte[] {1}));
    assertThatThrownBy(() -> new LengthEncoder(2, false).prepare(image))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("document img-1 is image, not text");
  }

  @Test
  void prepareHandsDocumentsOfTheRightKindToPrepareContent() {
    assertThat(new LengthEncoder(2, false).prepare(Document.text("t", "abc")).length())
        .isEqualTo(3);
  }

  @Test
  void modalityIsTheOneGivenToTheConstructor() {
    assertThat(new LengthEncoder(2, false).modality()).isEqualTo(Modality.TEXT);
  }

  @Test
  void batchSizeBelowOneIsRefused() {
    assertThatThrownBy(() -> new LengthEncoder(0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
