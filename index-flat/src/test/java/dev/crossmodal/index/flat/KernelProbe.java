package dev.crossmodal.index.flat;

import java.util.List;

/** Run in a fresh JVM by {@link KernelSelectionTest}: prints the kernel and one search result. */
public final class KernelProbe {
  private KernelProbe() {}

  public static void main(String[] args) {
    try (FlatIndex index = FlatIndex.builder(3).build()) {
      index.upsertAll(List.of("a", "b"), new float[][] {{1, 0, 0}, {0, 1, 0}});
      String best = index.search(new float[] {0, 2, 0}, 1).get(0).id();
      System.out.println(index.kernelName() + " " + best);
    }
  }
}
