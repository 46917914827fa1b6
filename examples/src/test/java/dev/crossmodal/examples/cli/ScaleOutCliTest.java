package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.solrtest.SolrCloudProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out commands end to end on the toy set with the color-words model: {@code index
 * --index solr} into a real two-node SolrCloud (2 shards x 2 replicas, embedded ZooKeeper, in a
 * JVM of its own), and
 * {@code encode --engine spark --master local[2]} then {@code import}; both must answer as the
 * flat index does.
 */
class ScaleOutCliTest {
  private static final List<String> TEXT_QUERIES =
      List.of("a red circle", "green hills under a yellow sun", "a blue car", "black and white");
  private static SolrCloudProcess solr;

  @TempDir static Path dir;

  @BeforeAll
  static void startSolr() {
    solr = SolrCloudProcess.start(2);
  }

  @AfterAll
  static void stopSolr() {
    solr.close();
  }

  private static Path toyData() {
    Path d = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(d.resolve("data/toy"))) {
      d = d.getParent();
    }
    return d.resolve("data/toy");
  }

  private static CliRun ok(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
    return run;
  }

  private static Path index(String name, String... extra) {
    Path ws = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("index", "--data", toyData().toString(), "--format", "toy",
        "--model", "color-words", "--workspace", ws.toString(), "--json"));
    args.addAll(List.of(extra));
    ok(args.toArray(String[]::new));
    return ws;
  }

  private static List<JsonNode> search(Path ws, String flag, String query, int k) {
    JsonNode json = ok("search", "--workspace", ws.toString(), flag, query, "--top-k", Integer.toString(k), "--json").json();
    List<JsonNode> matches = new ArrayList<>();
    json.get("matches").forEach(matches::add);
    return matches;
  }

  private static List<String> ids(List<JsonNode> matches) {
    return matches.stream().map(m -> m.get("id").asText()).toList();
  }

  private static List<String[]> queries() {
    List<String[]> queries = new ArrayList<>();
    TEXT_QUERIES.forEach(q -> queries.add(new String[] {"--text", q}));
    for (String image : List.of("red_circle.png", "blue_car.png", "checkerboard.png")) {
      queries.add(new String[] {"--image", toyData().resolve("images").resolve(image).toString()});
    }
    return queries;
  }

  @Test
  void aSolrWorkspaceAnswersAsTheFlatIndexWithNoExtraFlags() {
    Path flat = index("flat");
    Path onSolr = index("on-solr", "--index", "solr", "--solr-zk", solr.zkAddress(),
        "--collection", "toy", "--shards", "2", "--replicas", "2");

    JsonNode info = ok("info", "--workspace", onSolr.toString(), "--json").json();
    assertThat(info.get("images").asInt()).isEqualTo(21);
    for (String[] query : queries()) {
      List<JsonNode> expected = search(flat, query[0], query[1], 10);
      List<JsonNode> actual = search(onSolr, query[0], query[1], 10);
      assertThat(ids(actual).get(0)).as("best hit for %s", query[1]).isEqualTo(ids(expected).get(0));
      assertThat(ids(actual)).as("top 10 for %s", query[1]).filteredOn(ids(expected)::contains).hasSizeGreaterThanOrEqualTo(9);
    }
  }

  @Test
  void sparkEncodeThenImportGivesTheFlatIndexsAnswers() {
    Path flat = index("flat-for-spark");
    Path vectors = dir.resolve("vectors");
    JsonNode encoded = ok("encode", "--engine", "spark", "--master", "local[2]", "--data", toyData().toString(),
        "--format", "toy", "--model", "color-words", "--out", vectors.toString(), "--json").json();
    assertThat(encoded.get("images_encoded").asInt()).isEqualTo(21);
    Path imported = dir.resolve("imported");

    JsonNode first = ok("import", "--vectors", vectors.toString(), "--workspace", imported.toString(), "--json").json();
    JsonNode again = ok("import", "--vectors", vectors.toString(), "--workspace", imported.toString(), "--json").json();

    assertThat(first.get("images_indexed").asInt()).isEqualTo(21);
    assertThat(again.get("images_indexed").asInt()).isZero();
    assertThat(again.get("already_indexed").asInt()).isEqualTo(first.get("images_indexed").asInt() + first.get("texts_indexed").asInt());
    for (String[] query : queries()) {
      List<JsonNode> expected = search(flat, query[0], query[1], 5);
      List<JsonNode> actual = search(imported, query[0], query[1], 5);
      assertThat(ids(actual)).as("top 5 for %s", query[1]).isEqualTo(ids(expected));
      for (int i = 0; i < actual.size(); i++) {
        assertThat(actual.get(i).get("score").asDouble()).isCloseTo(expected.get(i).get("score").asDouble(), within(1e-4));
      }
    }
  }
}
