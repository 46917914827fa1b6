package dev.crossmodal.core.workspace;

import java.util.Arrays;

/**
 * An insertion-ordered map from document id to a {@code long}, held in flat arrays: besides the id
 * strings themselves, an entry costs about 20 bytes and no object (a {@code LinkedHashMap<String,
 * Long>} costs a node and a boxed value, some 60 bytes).
 *
 * <p>Replacing the value of an id keeps its place in the order; removing an id and adding it again
 * moves it to the end, as in a {@link java.util.LinkedHashMap}. Values are non-negative; {@link
 * #ABSENT} stands for no value. Not thread-safe.
 */
final class DocumentOffsets {
  /** What {@link #get}, {@link #put} and {@link #remove} return for an id not held. */
  static final long ABSENT = -1;

  private static final int EMPTY = 0;
  private static final int REMOVED = -1;

  /** Ids in insertion order; null where one was removed. */
  private String[] ids = new String[16];
  private long[] values = new long[16];
  /** How many places of {@code ids} are used, removed ones included. */
  private int end;
  private int size;
  /** Open addressing with linear probing: 1 + the place of an id, or EMPTY or REMOVED. */
  private int[] table = new int[32];
  /** How many slots of {@code table} are not EMPTY. */
  private int used;

  /** {@return how many ids are held} */
  int size() {
    return size;
  }

  /** {@return the value of {@code id}, or {@link #ABSENT}} */
  long get(String id) {
    int place = find(id);
    return place < 0 ? ABSENT : values[place];
  }

  /**
   * Sets the value of {@code id}.
   *
   * @return the value it replaced, or {@link #ABSENT}
   */
  long put(String id, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    int place = find(id);
    if (place >= 0) {
      long previous = values[place];
      values[place] = value;
      return previous;
    }
    if (end == ids.length) {
      if (size < end / 2) {
        compact();
      } else {
        int capacity = ids.length + (ids.length >> 1);
        ids = Arrays.copyOf(ids, capacity);
        values = Arrays.copyOf(values, capacity);
      }
    }
    if (3L * (used + 1) > 2L * table.length) {
      // At most 2/3 full before, at most 1/3 after: 6 to 12 bytes of table per id.
      rehash(Math.max(32, Integer.highestOneBit(3 * (size + 1)) << 1));
    }
    ids[end] = id;
    values[end] = value;
    insert(id, end);
    end++;
    size++;
    return ABSENT;
  }

  /**
   * Removes {@code id}.
   *
   * @return its value, or {@link #ABSENT} if it was not held
   */
  long remove(String id) {
    int mask = table.length - 1;
    for (int slot = spread(id.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == EMPTY) {
        return ABSENT;
      }
      if (entry != REMOVED && ids[entry - 1].equals(id)) {
        int place = entry - 1;
        table[slot] = REMOVED;
        ids[place] = null;
        size--;
        return values[place];
      }
    }
  }

  /** {@return the number of places, removed ones included: the bound for {@link #idAt}} */
  int end() {
    return end;
  }

  /** {@return the id at {@code place} in insertion order, or null if it was removed} */
  String idAt(int place) {
    return ids[place];
  }

  /** {@return the value at {@code place}} */
  long valueAt(int place) {
    return values[place];
  }

  /** Sets the value at a {@code place} that holds an id. */
  void setValueAt(int place, long value) {
    values[place] = value;
  }

  /** {@return the ids held, in insertion order} */
  String[] ids() {
    String[] live = new String[size];
    int n = 0;
    for (int place = 0; place < end; place++) {
      if (ids[place] != null) {
        live[n++] = ids[place];
      }
    }
    return live;
  }

  private int find(String id) {
    int mask = table.length - 1;
    for (int slot = spread(id.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == EMPTY) {
        return -1;
      }
      if (entry != REMOVED && ids[entry - 1].equals(id)) {
        return entry - 1;
      }
    }
  }

  private void insert(String id, int place) {
    int mask = table.length - 1;
    int slot = spread(id.hashCode()) & mask;
    while (table[slot] > 0) {
      slot = (slot + 1) & mask;
    }
    if (table[slot] == EMPTY) {
      used++;
    }
    table[slot] = place + 1;
  }

  /** Closes the gaps that removals left, keeping the order. */
  private void compact() {
    int n = 0;
    for (int place = 0; place < end; place++) {
      if (ids[place] != null) {
        ids[n] = ids[place];
        values[n] = values[place];
        n++;
      }
    }
    Arrays.fill(ids, n, end, null);
    end = n;
    rehash(table.length);
  }

  private void rehash(int capacity) {
    table = new int[capacity];
    used = 0;
    for (int place = 0; place < end; place++) {
      if (ids[place] != null) {
        insert(ids[place], place);
      }
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
