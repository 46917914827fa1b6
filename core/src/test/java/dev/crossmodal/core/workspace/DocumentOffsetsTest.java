package dev.crossmodal.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DocumentOffsetsTest {
  private final DocumentOffsets offsets = new DocumentOffsets();

  @Test
  void anAbsentIdHasNoValue() {
    assertThat(offsets.get("a")).isEqualTo(DocumentOffsets.ABSENT);
    assertThat(offsets.remove("a")).isEqualTo(DocumentOffsets.ABSENT);
  }

  @Test
  void replacingAValueKeepsTheIdsPlaceInTheOrder() {
    offsets.put("a", 1);
    offsets.put("b", 2);
    assertThat(offsets.put("a", 3)).isEqualTo(1);
    assertThat(offsets.ids()).containsExactly("a", "b");
    assertThat(offsets.get("a")).isEqualTo(3);
  }

  @Test
  void anIdRemovedAndAddedAgainMovesToTheEnd() {
    offsets.put("a", 1);
    offsets.put("b", 2);
    assertThat(offsets.remove("a")).isEqualTo(1);
    offsets.put("a", 4);
    assertThat(offsets.ids()).containsExactly("b", "a");
    assertThat(offsets.size()).isEqualTo(2);
  }

  @Test
  void behavesLikeALinkedHashMapThroughGrowthRemovalsAndCompaction() {
    Map<String, Long> model = new LinkedHashMap<>();
    Random random = new Random(42);
    for (int step = 0; step < 200_000; step++) {
      String id = "doc-" + random.nextInt(20_000);
      if (random.nextInt(3) == 0) {
        Long expected = model.remove(id);
        assertThat(offsets.remove(id)).isEqualTo(expected == null ? DocumentOffsets.ABSENT : expected);
      } else {
        long value = random.nextLong() >>> 1;
        Long expected = model.put(id, value);
        assertThat(offsets.put(id, value)).isEqualTo(expected == null ? DocumentOffsets.ABSENT : expected);
      }
    }
    assertThat(offsets.size()).isEqualTo(model.size());
    assertThat(offsets.ids()).containsExactlyElementsOf(model.keySet());
    List<Long> values = new ArrayList<>();
    for (int place = 0; place < offsets.end(); place++) {
      if (offsets.idAt(place) != null) {
        values.add(offsets.valueAt(place));
      }
    }
    assertThat(values).containsExactlyElementsOf(model.values());
  }
}
