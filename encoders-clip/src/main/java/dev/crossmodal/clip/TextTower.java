package dev.crossmodal.clip;

import dev.crossmodal.core.TokenIds;
import java.util.List;

/** CLIP's text transformer on some engine: token ids in, unnormalised projected features out. */
interface TextTower extends AutoCloseable {

  /**
   * Whether the tower accepts rows shorter than the context length. CLIP's causal mask makes the
   * feature at the end token independent of what follows it, so trimming padding is exact.
   */
  boolean acceptsTrimmedRows();

  /**
   * Runs one batch. With {@link #acceptsTrimmedRows()}, every row is cut to the longest {@link
   * TokenIds#length()} in the batch; otherwise rows are passed padded to 77.
   */
  float[][] run(List<TokenIds> batch);

  @Override
  void close();
}
