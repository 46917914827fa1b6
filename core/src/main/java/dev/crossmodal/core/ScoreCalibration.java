package dev.crossmodal.core;

/**
 * Turns a model's cosine similarity into a calibrated score, for models trained with one: SigLIP's
 * sigmoid loss makes {@code sigmoid(scale * cos + bias)} the model's own probability that a text
 * and an image match, which, unlike a cosine, means the same thing from one query to the next.
 * Search still ranks by cosine; the calibrated score is shown next to it.
 *
 * <pre>{@code
 * model.scoreCalibration().ifPresent(c -> System.out.println(c.name() + " " + c.score(hit.score())));
 * }</pre>
 */
public interface ScoreCalibration {

  /** {@return what the score is, for display next to the cosine, such as {@code sigmoid}} */
  String name();

  /**
   * {@return the calibrated score of a cosine similarity between a text and an image vector}
   *
   * @param cosine the cosine similarity, in [-1, 1]
   */
  double score(double cosine);

  /**
   * {@code sigmoid(scale * cos + bias)}, SigLIP's pairwise probability.
   *
   * @param scale the model's {@code exp(logit_scale)}
   * @param bias the model's {@code logit_bias}
   */
  record Sigmoid(double scale, double bias) implements ScoreCalibration {
    /** Refuses a non-finite scale or bias, which would turn every score into NaN. */
    public Sigmoid {
      if (!Double.isFinite(scale) || !Double.isFinite(bias)) {
        throw new IllegalArgumentException("scale and bias must be finite: " + scale + ", " + bias);
      }
    }

    @Override
    public String name() {
      return "sigmoid";
    }

    @Override
    public double score(double cosine) {
      return 1.0 / (1.0 + Math.exp(-(scale * cosine + bias)));
    }
  }
}
