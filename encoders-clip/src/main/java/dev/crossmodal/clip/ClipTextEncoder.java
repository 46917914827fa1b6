package dev.crossmodal.clip;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.core.TokenIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * CLIP's text encoder: {@link ClipTokenizer} on pipeline threads, the text tower in batches of at
 * most {@code batchSize}. When the tower accepts trimmed rows (ONNX layout), the captions of a call
 * are sorted by token count and each batch is cut to its longest caption: real captions are about
 * 15 tokens, so this saves most of the work of padding to 77 without changing any result.
 *
 * <p>Obtained from {@link ClipModel#encoder(Modality)}; thread-safe.
 */
final class ClipTextEncoder implements StagedEncoder<TokenIds> {
  private final ClipTokenizer tokenizer;
  private final TextTower tower;
  private final int dimension;
  private final int batchSize;
  private final boolean rejectEmptyText;

  ClipTextEncoder(
      ClipTokenizer tokenizer, TextTower tower, int dimension, int batchSize, boolean rejectEmptyText) {
    this.tokenizer = tokenizer;
    this.tower = tower;
    this.dimension = dimension;
    this.batchSize = batchSize;
    this.rejectEmptyText = rejectEmptyText;
  }

  @Override
  public Modality modality() {
    return Modality.TEXT;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public TokenIds prepare(Document document) {
    if (document.modality().contentKind() != Modality.ContentKind.TEXT) {
      throw new InvalidInputException(
          "document " + document.id() + " is " + document.modality() + ", not text");
    }
    TokenIds ids = tokenizer.encode(document.text());
    if (rejectEmptyText && ids.length() <= 2) {
      throw new InvalidInputException(
          "document " + document.id() + ": text " + document.describe() + " is empty after clean-up");
    }
    return ids;
  }

  @Override
  public float[][] encodePrepared(List<TokenIds> prepared) {
    int n = prepared.size();
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    if (tower.acceptsTrimmedRows()) {
      order.sort(Comparator.comparingInt(i -> prepared.get(i).length()));
    }
    float[][] out = new float[n][];
    for (int start = 0; start < n; start += batchSize) {
      List<Integer> slice = order.subList(start, Math.min(n, start + batchSize));
      List<TokenIds> batch = new ArrayList<>(slice.size());
      for (int i : slice) {
        batch.add(prepared.get(i));
      }
      float[][] features = Vectors.normalizeRows(tower.run(batch));
      for (int k = 0; k < slice.size(); k++) {
        out[slice.get(k)] = features[k];
      }
    }
    return out;
  }

  @Override
  public void close() {
    // The model owns the tower and closes it.
  }
}
