package dev.crossmodal.core;

import java.util.Arrays;

/**
 * A tokenised text as a model's tokenizer produces it: special tokens included, and padding
 * included where the original pipeline pads (CLIP pads to 77 with zeros).
 *
 * @param ids the token ids
 * @param length the number of ids before any padding
 */
public record TokenIds(int[] ids, int length) {
  /** Checks the arrays agree. */
  public TokenIds {
    if (length < 0 || length > ids.length) {
      throw new IllegalArgumentException("length " + length + " outside 0.." + ids.length);
    }
  }

  /**
   * {@return token ids without padding}
   *
   * @param ids the token ids, in order
   */
  public static TokenIds of(int... ids) {
    return new TokenIds(ids, ids.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenIds t && t.length == length && Arrays.equals(t.ids, ids);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids) * 31 + length;
  }

  @Override
  public String toString() {
    return "TokenIds" + Arrays.toString(Arrays.copyOf(ids, length));
  }
}
