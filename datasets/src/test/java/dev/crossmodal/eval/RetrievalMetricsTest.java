package dev.crossmodal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetrievalMetricsTest {

  @Test
  void rankIsTheOneBasedPositionOfTheFirstPositive() {
    assertThat(RetrievalMetrics.firstPositiveRank(List.of("a", "b", "c"), Set.of("a"))).isEqualTo(1);
    assertThat(RetrievalMetrics.firstPositiveRank(List.of("a", "b", "c"), Set.of("c"))).isEqualTo(3);
  }

  @Test
  void rankOfSeveralPositivesIsThatOfTheBestRankedOne() {
    assertThat(RetrievalMetrics.firstPositiveRank(List.of("x", "p2", "y", "p1"), Set.of("p1", "p2")))
        .isEqualTo(2);
  }

  @Test
  void queryWhosePositivesAreNotRankedIsNotRanked() {
    assertThat(RetrievalMetrics.firstPositiveRank(List.of("x", "y"), Set.of("p")))
        .isEqualTo(RetrievalMetrics.NOT_RANKED);
  }

  @Test
  void recallCountsAQueryAsHitWhenAnyPositiveIsInTheTopK() {
    // Query 1: positives p1 (position 4) and p2 (position 2): a hit at k=2 thanks to p2 alone.
    RetrievalMetrics metrics =
        RetrievalMetrics.builder()
            .add(List.of("x", "p2", "y", "p1"), Set.of("p1", "p2"))
            .add(List.of("x", "y", "z", "q"), Set.of("q"))
            .build();

    assertThat(metrics.hitsAt(1)).isZero();
    assertThat(metrics.hitsAt(2)).isEqualTo(1);
    assertThat(metrics.hitsAt(4)).isEqualTo(2);
    assertThat(metrics.recallAt(2)).isEqualTo(0.5);
  }

  @Test
  void recallAtKOfHandComputedRanks() {
    // ranks 1, 2, 5, 6, 11: R@1 = 1/5, R@5 = 3/5, R@10 = 4/5
    RetrievalMetrics metrics = RetrievalMetrics.ofRanks(6, 1, 11, 2, 5);

    assertThat(metrics.recallAt(1)).isEqualTo(0.2);
    assertThat(metrics.recallAt(5)).isEqualTo(0.6);
    assertThat(metrics.recallAt(10)).isEqualTo(0.8);
  }

  @Test
  void recallPercentPrintsWithoutFloatingPointNoise() {
    int[] ranks = new int[1000];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = i < 588 ? 1 : 50;
    }

    assertThat(RetrievalMetrics.ofRanks(ranks).recallPercentAt(1)).isEqualTo(58.8);
    assertThat(Double.toString(RetrievalMetrics.ofRanks(ranks).recallPercentAt(1))).isEqualTo("58.8");
  }

  @Test
  void medianRankOfAnOddNumberOfQueriesIsTheMiddleRank() {
    assertThat(RetrievalMetrics.ofRanks(6, 1, 11, 2, 5).medianRank()).isEqualTo(5.0);
  }

  @Test
  void medianRankOfAnEvenNumberOfQueriesIsTheMeanOfTheTwoMiddleRanks() {
    assertThat(RetrievalMetrics.ofRanks(1, 2, 3, 10).medianRank()).isEqualTo(2.5);
  }

  @Test
  void medianRankIsInfiniteWhenTheMiddleQueryWasNotRanked() {
    int notRanked = RetrievalMetrics.NOT_RANKED;
    assertThat(RetrievalMetrics.ofRanks(1, notRanked, notRanked).medianRank())
        .isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void meanReciprocalRankOfHandComputedRanks() {
    // (1/1 + 1/2 + 1/4 + 0) / 4 = 1.75 / 4
    RetrievalMetrics metrics = RetrievalMetrics.ofRanks(1, 2, 4, RetrievalMetrics.NOT_RANKED);

    assertThat(metrics.meanReciprocalRank()).isCloseTo(0.4375, within(1e-12));
  }

  @Test
  void unrankedQueryIsAMissAtEveryK() {
    RetrievalMetrics metrics = RetrievalMetrics.ofRanks(RetrievalMetrics.NOT_RANKED);

    assertThat(metrics.hitsAt(Integer.MAX_VALUE - 1)).isZero();
  }

  @Test
  void perfectRankingScoresFullMarks() {
    RetrievalMetrics metrics = RetrievalMetrics.ofRanks(1, 1, 1);

    assertThat(metrics.recallPercentAt(1)).isEqualTo(100.0);
    assertThat(metrics.medianRank()).isEqualTo(1.0);
    assertThat(metrics.meanReciprocalRank()).isEqualTo(1.0);
  }

  @Test
  void queriesCountsEveryAddedQuery() {
    RetrievalMetrics.Builder builder = RetrievalMetrics.builder();
    for (int i = 0; i < 40; i++) {
      builder.addRank(i + 1);
    }

    assertThat(builder.build().queries()).isEqualTo(40);
  }

  @Test
  void queryWithoutPositivesIsRefused() {
    assertThatThrownBy(() -> RetrievalMetrics.builder().add(List.of("a"), Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void rankBelowOneIsRefused() {
    assertThatThrownBy(() -> RetrievalMetrics.ofRanks(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start at 1");
  }

  @Test
  void kBelowOneIsRefused() {
    assertThatThrownBy(() -> RetrievalMetrics.ofRanks(1).recallAt(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void metricsOfNoQueriesAreUndefined() {
    assertThatThrownBy(() -> RetrievalMetrics.builder().build().recallAt(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no queries");
  }
}
