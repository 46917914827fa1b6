package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet at the top of index-flat/README.md, as written there, and what it leaves behind. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void theReadmeSnippetRuns() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains(
        "try (FlatIndex index = FlatIndex.builder(512).file(dir.resolve(\"images.cmx\")).build()) {",
        "index.upsert(\"img-1\", vector);",
        "List<SearchHit> best = index.search(query, 10);",
        "List<List<SearchHit>> many = index.search(queries, 10, IdFilter.ALL);",
        "index.commit();");
    float[] vector = new float[512];
    vector[3] = 1;
    float[] query = vector.clone();
    float[][] queries = {query, query};

    try (FlatIndex index = FlatIndex.builder(512).file(dir.resolve("images.cmx")).build()) {
      index.upsert("img-1", vector);            // normalised on the way in
      List<SearchHit> best = index.search(query, 10);
      List<List<SearchHit>> many = index.search(queries, 10, IdFilter.ALL); // blocked kernel
      index.commit();                           // writes only what changed: a new segment + manifest
      assertThat(best).containsExactly(new SearchHit("img-1", 1f));
      assertThat(many).containsExactly(best, best);
    }
    assertThat(dir.resolve("images.cmx")).exists();
    assertThat(dir.resolve("images.cmx.0.seg")).exists();
  }
}
