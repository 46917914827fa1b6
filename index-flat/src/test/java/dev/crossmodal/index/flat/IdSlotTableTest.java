package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdSlotTableTest {

  @Test
  void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
    List<String> slotIds = new ArrayList<>();
    IdSlotTable table = new IdSlotTable(slotIds::get, 0);
    Map<String, Integer> model = new HashMap<>();
    SplittableRandom random = new SplittableRandom(42);
    for (int step = 0; step < 50_000; step++) {
      // A small key space forces long probe chains, wrap-around and backward shifts.
      String id = "k" + random.nextInt(3000);
      if (random.nextInt(3) == 0) {
        Integer expected = model.remove(id);
        assertThat(table.remove(id)).isEqualTo(expected == null ? -1 : expected);
      } else {
        int slot = slotIds.size();
        slotIds.add(id);
        Integer expected = model.put(id, slot);
        assertThat(table.put(id, slot)).isEqualTo(expected == null ? -1 : expected);
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (int i = 0; i < 3000; i++) {
      String id = "k" + i;
      assertThat(table.get(id)).as(id).isEqualTo(model.getOrDefault(id, -1));
    }
  }
}
