package dev.crossmodal.langchain4j;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A crossmodal model (CLIP, VSE++, ...) as a LangChain4j {@link EmbeddingModel}: texts and text
 * segments are embedded by the model's text encoder, and images, given as {@link ImageContent} in
 * an {@link EmbeddingRequest}, by its image encoder, into the same space, so a text embedding can
 * be compared with an image embedding. Embeddings are L2-normalised: their dot product is their
 * cosine.
 *
 * <pre>{@code
 * try (CrossModalEmbeddingModel clip = CrossModalEmbeddingModel.builder()
 *     .spec(ModelSpec.of("clip").withModelDir(Path.of("models/clip")))
 *     .build()) {
 *   Embedding text = clip.embed("a dog on a beach").content();
 *   Embedding photo = clip.embed(EmbeddingRequest.builder()
 *       .inputs(List.of(EmbeddingInput.from(ImageContent.from(Path.of("dog.jpg"), "image/jpeg"))))
 *       .build()).embeddings().get(0);
 * }
 * }</pre>
 *
 * <p>A model built from a spec is owned and closed by this object; a model handed in with {@link
 * Builder#model} stays the caller's. Thread-safe when the model's encoders are, as the library's
 * own are.
 */
public final class CrossModalEmbeddingModel implements EmbeddingModel, AutoCloseable {
  private final CrossModalModel model;
  private final boolean owned;
  private final Modality textModality;
  private final Modality imageModality;

  private CrossModalEmbeddingModel(CrossModalModel model, boolean owned) {
    this.model = model;
    this.owned = owned;
    this.textModality = firstOf(model, Modality.TEXT);
    this.imageModality = firstOf(model, Modality.IMAGE);
    if (textModality == null) {
      throw new IllegalArgumentException("model " + model.id() + " has no text encoder: LangChain4j embeds texts");
    }
  }

  /** {@return a builder; give it a model spec or a loaded model} */
  public static Builder builder() {
    return new Builder();
  }

  /** The model's built-in modality of a kind if it has it, else its first of that kind. */
  private static Modality firstOf(CrossModalModel model, Modality builtIn) {
    if (model.modalities().contains(builtIn)) {
      return builtIn;
    }
    return model.modalities().stream()
        .filter(m -> m.contentKind() == builtIn.contentKind())
        .findFirst()
        .orElse(null);
  }

  /** {@return the wrapped model} */
  public CrossModalModel model() {
    return model;
  }

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
    List<Document> documents = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      documents.add(Document.text("segment-" + i, textModality, segments.get(i).text()));
    }
    return Response.from(encode(textModality, documents));
  }

  /**
   * Embeds texts and images. Each input is one {@link TextContent} or one {@link ImageContent}
   * (base64 data, a {@code file:} URI, or an {@code http(s):} URL the image is read from).
   *
   * @throws UnsupportedFeatureException for an input of several contents, or of another type
   */
  @Override
  public EmbeddingResponse doEmbed(EmbeddingRequest request) {
    List<Embedding> embeddings = new ArrayList<>(request.inputs().size());
    for (EmbeddingInput input : request.inputs()) {
      embeddings.add(embed(input));
    }
    return EmbeddingResponse.builder().embeddings(embeddings).modelName(modelName()).build();
  }

  private Embedding embed(EmbeddingInput input) {
    List<Content> contents = input.contents();
    if (contents.size() != 1) {
      throw new UnsupportedFeatureException(
          "each input must hold one text or one image; got " + contents.size() + " contents");
    }
    Content content = contents.get(0);
    if (content instanceof TextContent text) {
      return encode(textModality, List.of(Document.text("input", textModality, text.text()))).get(0);
    }
    if (content instanceof ImageContent image && imageModality != null) {
      return encode(imageModality, List.of(Document.image("input", imageModality, source(image.image())))).get(0);
    }
    throw new UnsupportedFeatureException("model " + model.id() + " cannot embed " + content.type() + " content");
  }

  private static ImageSource source(Image image) {
    if (image.base64Data() != null) {
      return ImageSource.of("base64 image", Base64.getMimeDecoder().decode(image.base64Data()));
    }
    URI url = Objects.requireNonNull(image.url(), "image has neither data nor a URL");
    return "file".equals(url.getScheme()) ? ImageSource.of(Path.of(url)) : ImageSource.of(url);
  }

  private List<Embedding> encode(Modality modality, List<Document> documents) {
    if (documents.isEmpty()) {
      return List.of();
    }
    float[][] vectors = model.encoder(modality).encode(documents);
    List<Embedding> embeddings = new ArrayList<>(vectors.length);
    for (float[] vector : vectors) {
      embeddings.add(Embedding.from(vector));
    }
    return embeddings;
  }

  @Override
  public Set<ContentType> supportedContentTypes() {
    return imageModality == null ? EnumSet.of(ContentType.TEXT) : EnumSet.of(ContentType.TEXT, ContentType.IMAGE);
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public String modelName() {
    return model.id();
  }

  /** Closes the model if this object loaded it from a spec. */
  @Override
  public void close() {
    if (owned) {
      model.close();
    }
  }

  /** Configures a {@link CrossModalEmbeddingModel}: from a {@link ModelSpec}, or a loaded model. */
  public static final class Builder {
    private ModelSpec spec;
    private CrossModalModel model;

    private Builder() {}

    /**
     * Loads the model a spec describes (with {@link Models#load}); the embedding model owns it.
     *
     * @param modelSpec loads the model a spec describes (with {@link Models#load}); the embedding
     *     model owns it
     * @return this builder
     */
    public Builder spec(ModelSpec modelSpec) {
      this.spec = Objects.requireNonNull(modelSpec, "spec");
      this.model = null;
      return this;
    }

    /**
     * Uses a loaded model, which stays the caller's to close.
     *
     * @param loaded uses a loaded model, which stays the caller's to close
     * @return this builder
     */
    public Builder model(CrossModalModel loaded) {
      this.model = Objects.requireNonNull(loaded, "model");
      this.spec = null;
      return this;
    }

    /** {@return the embedding model; it closes a model it loaded from a spec when closed} */
    public CrossModalEmbeddingModel build() {
      if (model != null) {
        return new CrossModalEmbeddingModel(model, false);
      }
      if (spec == null) {
        throw new IllegalStateException("set a spec(ModelSpec) or a model(CrossModalModel)");
      }
      CrossModalModel loaded = Models.load(spec);
      try {
        return new CrossModalEmbeddingModel(loaded, true);
      } catch (RuntimeException e) {
        loaded.close();
        throw e;
      }
    }
  }
}
