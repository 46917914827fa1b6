package dev.crossmodal.image;

import dev.crossmodal.core.BatchingEncoder;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import java.util.List;

/**
 * An image encoder whose model takes {@code [3, crop, crop]} pixel tensors: {@link #prepare}
 * decodes an image document and applies the model's {@link ImageTransform} (on pipeline threads),
 * {@link #encodePrepared} checks each tensor's shape, runs the model in batches of at most {@code
 * batchSize} and L2-normalises the vectors. A subclass supplies only {@link #infer}, the engine
 * call.
 *
 * <pre>{@code
 * final class MyImageEncoder extends ImageTensorEncoder {
 *   MyImageEncoder(ImageTransform transform, Session session) {
 *     super(transform, 512, 16);
 *     this.session = session;
 *   }
 *   protected float[][] infer(List<PixelTensor> batch) { return session.run(batch); }
 * }
 * }</pre>
 */
public abstract class ImageTensorEncoder extends BatchingEncoder<PixelTensor> {
  private final ImageTransform transform;
  private final int dimension;

  /**
   * Creates an image encoder whose inputs are the tensors {@code transform} makes.
   *
   * @param transform the pre-processing the model was trained with
   * @param dimension the length of the vectors {@link #infer} returns
   * @param batchSize the most tensors given to one {@link #infer} call
   */
  protected ImageTensorEncoder(ImageTransform transform, int dimension, int batchSize) {
    super(Modality.IMAGE, batchSize);
    this.transform = transform;
    this.dimension = dimension;
  }

  /** {@return the pre-processing this encoder applies, as read from the model's files} */
  public ImageTransform transform() {
    return transform;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Decodes and transforms the document's image.
   *
   * @throws InvalidInputException naming the image if it cannot be decoded
   */
  @Override
  protected PixelTensor prepareContent(Document document) {
    return transform.apply(document.image());
  }

  /** Refuses a tensor that is not {@code [3, height, width]} of the transform's output. */
  @Override
  protected void validate(int position, PixelTensor pixels) {
    int height = transform.outputHeight();
    int width = transform.outputWidth();
    if (pixels.channels() != 3 || pixels.height() != height || pixels.width() != width) {
      throw new InvalidInputException(
          "pixel tensor #" + position + " of the batch is [" + pixels.channels() + ","
              + pixels.height() + "," + pixels.width() + "] but the model needs [3," + height + ","
              + width + "]");
    }
  }

  /** Runs the model on tensors already checked to be {@code [3, crop, crop]}. */
  @Override
  protected abstract float[][] infer(List<PixelTensor> batch);
}
