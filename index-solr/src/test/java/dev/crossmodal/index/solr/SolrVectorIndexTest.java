package dev.crossmodal.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Match;
import dev.crossmodal.core.dataset.DatasetFormats;
import dev.crossmodal.core.memory.InMemoryVectorIndex;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.solrtest.SolrCloudProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real two-node SolrCloud with an embedded ZooKeeper (in a JVM of its own, so that this
 * module's class path is the one users get), collections of 2 shards x 2 replicas.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrVectorIndexTest {
  private static final int DIM = 16;
  private static SolrCloudProcess solr;
  private static int collections;

  @BeforeAll
  static void startCluster() {
    solr = SolrCloudProcess.start(2);
  }

  @AfterAll
  static void stopCluster() {
    solr.close();
  }

  private static SolrIndexConfig newCollection() {
    return SolrIndexConfig.builder(solr.zkAddress(), "vectors" + (++collections))
        .shards(2).replicas(2).build();
  }

  private static float[] randomVector(Random random) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  @Test
  void createsTheCollectionAndConfigSetWhenMissing() throws Exception {
    SolrIndexConfig config = newCollection();
    try (SolrCluster cluster = SolrCluster.connect(config)) {
      cluster.ensureCollection(DIM);
      assertThat(CollectionAdminRequest.listCollections(cluster.client())).contains(config.collection());
      assertThat(new ConfigSetAdminRequest.List().process(cluster.client()).getConfigSets())
          .contains("crossmodal-d16-m16-b100");
      assertThat(cluster.storedDimension()).isEqualTo(DIM);
    }
  }

  @Test
  void returnsTheGlobalTopKAcrossShardsLikeAnExactScan() {
    SolrIndexConfig config = newCollection();
    Random random = new Random(7);
    InMemoryVectorIndex exact = new InMemoryVectorIndex(DIM);
    try (SolrCluster cluster = SolrCluster.connect(config)) {
      cluster.ensureCollection(DIM);
      SolrVectorIndex index = new SolrVectorIndex(cluster, "image", DIM);
      for (int i = 0; i < 300; i++) {
        float[] v = randomVector(random);
        index.upsert("img-" + i, v);
        exact.upsert("img-" + i, v);
      }
      index.commit();
      for (int q = 0; q < 10; q++) {
        float[] query = randomVector(random);
        List<SearchHit> expected = exact.search(query, 10);
        List<SearchHit> actual = index.search(query, 10);
        assertThat(actual).extracting(SearchHit::id).containsExactlyElementsOf(
            expected.stream().map(SearchHit::id).toList());
        for (int i = 0; i < actual.size(); i++) {
          assertThat(actual.get(i).score()).isCloseTo(expected.get(i).score(), within(1e-5f));
        }
      }
    }
  }

  @Test
  void keepsModalitiesApartInOneCollection() {
    SolrIndexConfig config = newCollection();
    try (SolrCluster cluster = SolrCluster.connect(config)) {
      cluster.ensureCollection(DIM);
      SolrVectorIndex images = new SolrVectorIndex(cluster, "image", DIM);
      SolrVectorIndex texts = new SolrVectorIndex(cluster, "text", DIM);
      float[] v = randomVector(new Random(1));
      images.upsert("a", v);
      texts.upsert("b", v);
      texts.upsert("c", randomVector(new Random(2)));
      images.commit();
      texts.commit();
      assertThat(images.size()).isEqualTo(1);
      assertThat(texts.size()).isEqualTo(2);
      assertThat(images.search(v, 5)).extracting(SearchHit::id).containsExactly("a");
      assertThat(texts.ids()).containsExactlyInAnyOrder("b", "c");
    }
  }

  @Test
  void appliesIdFiltersInSolrAndArbitraryFiltersInTheClient() {
    SolrIndexConfig config = newCollection();
    Random random = new Random(3);
    try (SolrCluster cluster = SolrCluster.connect(config)) {
      cluster.ensureCollection(DIM);
      SolrVectorIndex index = new SolrVectorIndex(cluster, "text", DIM);
      for (int i = 0; i < 50; i++) {
        index.upsert("t" + i, randomVector(random));
      }
      index.commit();
      float[] query = randomVector(random);
      assertThat(index.search(query, 10, IdFilter.only(Set.of("t3", "t7", "t9"))))
          .extracting(SearchHit::id).containsExactlyInAnyOrder("t3", "t7", "t9");
      List<String> best = index.search(query, 2).stream().map(SearchHit::id).toList();
      assertThat(index.search(query, 48, IdFilter.except(Set.copyOf(best))))
          .hasSize(48).extracting(SearchHit::id).doesNotContainAnyElementsOf(best);
      assertThat(index.search(query, 5, id -> id.endsWith("1")))
          .hasSize(5).allSatisfy(hit -> assertThat(hit.id()).endsWith("1"));
    }
  }

  @Test
  void readsItsOwnWritesBeforeACommitAndReplacesAndDeletes() {
    SolrIndexConfig config = newCollection();
    try (SolrCluster cluster = SolrCluster.connect(config)) {
      cluster.ensureCollection(DIM);
      SolrVectorIndex index = new SolrVectorIndex(cluster, "image", DIM);
      float[] first = randomVector(new Random(4));
      float[] second = randomVector(new Random(5));
      index.upsert("x", first);
      assertThat(index.contains("x")).isTrue();
      assertThat(index.search(first, 1).get(0).score()).isCloseTo(1f, within(1e-5f));
      index.upsert("x", second);
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.search(second, 1).get(0).score()).isCloseTo(1f, within(1e-5f));
      assertThat(index.delete("x")).isTrue();
      assertThat(index.delete("x")).isFalse();
      assertThat(index.size()).isZero();
    }
  }

  @Test
  void refusesACollectionOfAnotherDimension() {
    SolrIndexConfig config = newCollection();
    try (SolrCluster cluster = SolrCluster.connect(config)) {
      cluster.ensureCollection(DIM);
      assertThatThrownBy(() -> cluster.ensureCollection(DIM * 2))
          .isInstanceOf(InvalidWorkspaceException.class)
          .hasMessageContaining(config.collection())
          .hasMessageContaining("dimension 16");
    }
  }

  @Test
  void aWorkspaceOnSolrIsReopenedFromItsPointerFilesAlone(@TempDir Path tmp) {
    SolrIndexConfig config = newCollection();
    ModelSpec spec = ModelSpec.of("color-words");
    Path dir = tmp.resolve("ws");
    List<Match> expected;
    try (CrossModalModel model = Models.load(spec);
        Workspace ws = Workspace.openOrCreate(dir, spec, model, SolrIndexFactory.create(config))) {
      Indexer.builder(ws, model).build().index(DatasetFormats.open("toy", toyData(), null), -1);
      expected = new Searcher(ws, model).search(Document.text("q", "a red circle"), 5);
      assertThat(expected).hasSize(5);
    }
    assertThat(dir.resolve("vectors-image.solr")).content()
        .contains(config.collection())
        .doesNotContainIgnoringCase("password");
    try (CrossModalModel model = Models.load(spec);
        Workspace ws = Workspace.open(dir, SolrIndexFactory.fromPointerFiles(), Workspace.OpenMode.READ_ONLY)) {
      assertThat(new Searcher(ws, model).search(Document.text("q", "a red circle"), 5)).isEqualTo(expected);
    }
  }

  private static Path toyData() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("data/toy"))) {
      dir = dir.getParent();
    }
    return dir.resolve("data/toy");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void keepsAnsweringWhenOneNodeStops() throws Exception {
    SolrIndexConfig config = newCollection();
    Random random = new Random(6);
    try (SolrCluster cluster = SolrCluster.connect(config)) {
      cluster.ensureCollection(DIM);
      SolrVectorIndex index = new SolrVectorIndex(cluster, "image", DIM);
      for (int i = 0; i < 100; i++) {
        index.upsert("img-" + i, randomVector(random));
      }
      index.commit();
      float[] query = randomVector(random);
      List<SearchHit> before = index.search(query, 10);
      solr.stopNode(0);
      for (int i = 0; i < 5; i++) {
        assertThat(index.search(query, 10)).isEqualTo(before);
      }
    }
  }
}
