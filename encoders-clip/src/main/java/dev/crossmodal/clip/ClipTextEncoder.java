package dev.crossmodal.clip;

import dev.crossmodal.core.BatchingEncoder;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.TokenIds;
import java.util.Comparator;
import java.util.List;

/**
 * The text encoder of the CLIP family: the family's {@link TextTokenizer} on pipeline threads,
 * the text tower in batches of at most {@code batchSize}. When the tower accepts trimmed rows (ONNX layout), the captions of a call
 * are sorted by token count and each batch is cut to its longest caption: real captions are about
 * 15 tokens, so this saves most of the work of padding to 77 without changing any result.
 *
 * <p>Obtained from {@link ClipModel#encoder(Modality)} or {@link ClipFamilyModel#encoder(Modality)};
 * thread-safe.
 */
final class ClipTextEncoder extends BatchingEncoder<TokenIds> {
  private final TextTokenizer tokenizer;
  private final TextTower tower;
  private final int dimension;
  private final boolean rejectEmptyText;

  ClipTextEncoder(
      TextTokenizer tokenizer, TextTower tower, int dimension, int batchSize, boolean rejectEmptyText) {
    super(Modality.TEXT, batchSize);
    this.tokenizer = tokenizer;
    this.tower = tower;
    this.dimension = dimension;
    this.rejectEmptyText = rejectEmptyText;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  protected TokenIds prepareContent(Document document) {
    TokenIds ids = tokenizer.encode(document.text());
    if (rejectEmptyText && ids.length() <= tokenizer.specialTokenCount()) {
      throw new InvalidInputException(
          "document " + document.id() + ": text " + document.describe() + " is empty after clean-up");
    }
    return ids;
  }

  @Override
  protected Comparator<TokenIds> batchOrder() {
    return tower.acceptsTrimmedRows() ? Comparator.comparingInt(TokenIds::length) : null;
  }

  @Override
  protected float[][] infer(List<TokenIds> batch) {
    return tower.run(batch);
  }

  @Override
  public void close() {
    // The model owns the tower and closes it.
  }
}
