package dev.crossmodal.langchain4j;

import dev.crossmodal.core.model.ModelSpec;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.nio.file.Path;
import java.util.List;

/** The README's example, verbatim between the markers (ReadmeExampleTest checks that it is). */
final class ReadmeExample {
  private ReadmeExample() {}

  /** Runs the example; returns the caption embeddings and the text-photo similarity. */
  static Result run(ModelSpec spec, Path photoFile) {
    // README-BEGIN
    try (CrossModalEmbeddingModel clip = CrossModalEmbeddingModel.builder().spec(spec).build()) {
      EmbeddingModel model = clip; // what any LangChain4j code takes
      Embedding query = model.embed("a dog running on the beach").content();
      List<Embedding> captions = model.embedAll(List.of(
          TextSegment.from("a dog on the sand"), TextSegment.from("a red car"))).content();
      Embedding photo = model.embed(EmbeddingRequest.builder().inputs(List.of(
          EmbeddingInput.from(ImageContent.from(photoFile, "image/jpeg")))).build()).embeddings().get(0);
      double similarity = CosineSimilarity.between(query, photo);
      // README-END
      return new Result(model.dimension(), query, captions, photo, similarity);
    }
  }

  record Result(int dimension, Embedding query, List<Embedding> captions, Embedding photo, double similarity) {}
}
