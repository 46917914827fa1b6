package dev.crossmodal.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The steps every model-backed {@link StagedEncoder} shares, written once: {@link #prepare} refuses
 * documents of another content kind, {@link #encodePrepared} validates the prepared inputs, cuts
 * them into batches of at most {@code batchSize}, runs the model on each and L2-normalises the
 * rows ({@link VectorNorms}). A subclass supplies only what is model-specific: {@link
 * #prepareContent} (decode, tokenise) and {@link #infer} (the engine call).
 *
 * <pre>{@code
 * final class MyTextEncoder extends BatchingEncoder<TokenIds> {
 *   MyTextEncoder() { super(Modality.TEXT, 32); }
 *   public int dimension() { return 512; }
 *   protected TokenIds prepareContent(Document d) { return tokenizer.encode(d.text()); }
 *   protected float[][] infer(List<TokenIds> batch) { return session.run(batch); }
 * }
 * }</pre>
 *
 * <p>Thread-safe when {@link #prepareContent} and {@link #infer} are.
 *
 * @param <P> the prepared form of one document
 */
public abstract class BatchingEncoder<P> implements StagedEncoder<P> {
  private final Modality modality;
  private final int batchSize;

  /**
   * Creates an encoder of one modality that hands the model at most {@code batchSize} inputs at a
   * time.
   *
   * @param modality the modality encoded; documents must carry its content kind
   * @param batchSize the most inputs given to one {@link #infer} call; {@link Integer#MAX_VALUE}
   *     gives the model each {@link #encodePrepared} call whole
   */
  protected BatchingEncoder(Modality modality, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    this.modality = modality;
    this.batchSize = batchSize;
  }

  @Override
  public Modality modality() {
    return modality;
  }

  /**
   * Checks the document's content kind, then calls {@link #prepareContent}.
   *
   * @throws InvalidInputException naming the document if it holds another kind of content or
   *     cannot be prepared
   */
  @Override
  public final P prepare(Document document) {
    if (document.modality().contentKind() != modality.contentKind()) {
      throw new InvalidInputException(
          "document " + document.id() + " is " + document.modality() + ", not "
              + (modality.contentKind() == Modality.ContentKind.IMAGE ? "an image" : "text"));
    }
    return prepareContent(document);
  }

  /**
   * Validates every input, then runs {@link #infer} batch by batch (in {@link #batchOrder} when
   * there is one) and returns the unit-length rows in input order.
   *
   * @throws InvalidInputException if {@link #validate} refuses an input
   * @throws InvalidModelException if the model answers a batch with another number of rows
   */
  @Override
  public final float[][] encodePrepared(List<P> prepared) {
    int n = prepared.size();
    for (int i = 0; i < n; i++) {
      validate(i, prepared.get(i));
    }
    int[] order = order(prepared);
    float[][] out = new float[n][];
    for (int start = 0; start < n; ) {
      int end = (int) Math.min(n, (long) start + batchSize);
      List<P> batch;
      if (order == null) {
        batch = prepared.subList(start, end);
      } else {
        batch = new ArrayList<>(end - start);
        for (int k = start; k < end; k++) {
          batch.add(prepared.get(order[k]));
        }
      }
      float[][] rows = infer(batch);
      if (rows.length != batch.size()) {
        throw new InvalidModelException(
            "the " + modality + " model gave " + rows.length + " vectors for a batch of "
                + batch.size() + " inputs");
      }
      VectorNorms.normalizeRows(rows);
      for (int k = 0; k < rows.length; k++) {
        out[order == null ? start + k : order[start + k]] = rows[k];
      }
      start = end;
    }
    return out;
  }

  /**
   * Prepares a document whose content kind is already checked.
   *
   * @param document a document whose content kind matches the encoder's modality
   * @return the model input for it
   */
  protected abstract P prepareContent(Document document);

  /**
   * Refuses an input the model cannot take, before any batch runs. Does nothing by default.
   *
   * @param input the prepared input to check
   * @param position the input's index in the {@link #encodePrepared} call, for error messages
   * @throws InvalidInputException naming the position and the problem
   */
  protected void validate(int position, P input) {}

  /**
   * {@return the order in which inputs are grouped into batches, or {@code null} (the default) for input
   * order} Grouping inputs of similar size lets a model trim each batch's padding; results come
   * back in input order either way.
   */
  protected Comparator<P> batchOrder() {
    return null;
  }

  /**
   * Runs the model on one batch; returns one row per input, in batch order. The rows need not be
   * normalised, and may be normalised in place.
   *
   * @param batch at most the batch size of prepared inputs
   * @return one row of {@link #dimension()} components per input, in batch order
   */
  protected abstract float[][] infer(List<P> batch);

  private int[] order(List<P> prepared) {
    Comparator<P> comparator = batchOrder();
    if (comparator == null) {
      return null;
    }
    List<Integer> indices = new ArrayList<>(prepared.size());
    for (int i = 0; i < prepared.size(); i++) {
      indices.add(i);
    }
    // List.sort is stable: equal inputs keep their relative order.
    indices.sort((a, b) -> comparator.compare(prepared.get(a), prepared.get(b)));
    return indices.stream().mapToInt(Integer::intValue).toArray();
  }
}
