package dev.crossmodal.index.flat;

import java.util.function.IntFunction;

/**
 * Maps ids to slots with open addressing over one {@code int[]}, reading the ids themselves from
 * the slot store. A {@code HashMap<String, Integer>} would cost a node and a boxed integer per
 * vector, some 50 bytes; this table costs 8 to 16. Not thread-safe: the index's writer lock guards
 * it.
 */
final class IdSlotTable {
  private static final int EMPTY = 0;

  private final IntFunction<String> idOfSlot;
  /** slot + 1, or {@link #EMPTY}. */
  private int[] table;
  private int size;

  IdSlotTable(IntFunction<String> idOfSlot, int expected) {
    this.idOfSlot = idOfSlot;
    this.table = new int[capacityFor(expected)];
  }

  int size() {
    return size;
  }

  long memoryBytes() {
    return 16L + 4L * table.length;
  }

  /** The slot of {@code id}, or -1. */
  int get(String id) {
    int mask = table.length - 1;
    for (int i = hash(id) & mask; ; i = (i + 1) & mask) {
      int entry = table[i];
      if (entry == EMPTY) {
        return -1;
      }
      if (idOfSlot.apply(entry - 1).equals(id)) {
        return entry - 1;
      }
    }
  }

  /** Maps {@code id} to {@code slot}, replacing its previous slot; returns that one or -1. */
  int put(String id, int slot) {
    int mask = table.length - 1;
    int i = hash(id) & mask;
    for (; ; i = (i + 1) & mask) {
      int entry = table[i];
      if (entry == EMPTY) {
        break;
      }
      if (idOfSlot.apply(entry - 1).equals(id)) {
        table[i] = slot + 1;
        return entry - 1;
      }
    }
    table[i] = slot + 1;
    size++;
    if (size * 3L > table.length * 2L) {
      rehash(table.length * 2);
    }
    return -1;
  }

  /** Removes {@code id}; returns its slot or -1. */
  int remove(String id) {
    int mask = table.length - 1;
    int i = hash(id) & mask;
    for (; ; i = (i + 1) & mask) {
      int entry = table[i];
      if (entry == EMPTY) {
        return -1;
      }
      if (idOfSlot.apply(entry - 1).equals(id)) {
        break;
      }
    }
    int removed = table[i] - 1;
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    int hole = i;
    for (int j = (hole + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
      int home = hash(idOfSlot.apply(table[j] - 1)) & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        table[hole] = table[j];
        hole = j;
      }
    }
    table[hole] = EMPTY;
    size--;
    return removed;
  }

  private void rehash(int capacity) {
    int[] old = table;
    table = new int[capacity];
    int mask = capacity - 1;
    for (int entry : old) {
      if (entry != EMPTY) {
        int i = hash(idOfSlot.apply(entry - 1)) & mask;
        while (table[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        table[i] = entry;
      }
    }
  }

  private static int capacityFor(int expected) {
    long wanted = Math.max(16L, expected * 3L / 2 + 1);
    return (int) Math.min(1L << 30, Long.highestOneBit(wanted - 1) << 1);
  }

  private static int hash(String id) {
    int h = id.hashCode();
    // Spreads String.hashCode's weak low bits (ids often differ only in their last characters).
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
