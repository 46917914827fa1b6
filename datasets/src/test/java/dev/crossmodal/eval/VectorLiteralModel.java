package dev.crossmodal.eval;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A model whose documents spell out their own vectors: the text "1 0 0.5", or an image whose bytes
 * are that text. Lets evaluation tests fix every similarity by hand. An image whose bytes are not
 * numbers cannot be encoded.
 */
final class VectorLiteralModel implements CrossModalModel {
  private final int dimension;

  VectorLiteralModel(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public String id() {
    return "vector-literal:" + dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public Set<Modality> modalities() {
    return Set.of(Modality.TEXT, Modality.IMAGE);
  }

  @Override
  public Encoder encoder(Modality modality) {
    return new Encoder() {
      @Override
      public Modality modality() {
        return modality;
      }

      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public float[][] encode(List<Document> documents) {
        float[][] vectors = new float[documents.size()][];
        for (int i = 0; i < vectors.length; i++) {
          vectors[i] = parse(documents.get(i));
        }
        return vectors;
      }
    };
  }

  private float[] parse(Document document) {
    String literal;
    try {
      literal =
          document.modality().contentKind() == Modality.ContentKind.TEXT
              ? document.text()
              : new String(document.image().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(document.describe() + ": unreadable", e);
    }
    String[] parts = literal.trim().split("\\s+");
    if (parts.length != dimension) {
      throw new InvalidInputException(document.describe() + ": not a vector of " + dimension);
    }
    float[] vector = new float[dimension];
    double norm = 0;
    try {
      for (int i = 0; i < dimension; i++) {
        vector[i] = Float.parseFloat(parts[i]);
        norm += vector[i] * vector[i];
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException(document.describe() + ": not numbers", e);
    }
    for (int i = 0; i < dimension; i++) {
      vector[i] /= (float) Math.sqrt(norm);
    }
    return vector;
  }

  @Override
  public void close() {}
}
