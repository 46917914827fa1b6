package dev.crossmodal.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NativeStartupTest {

  @Test
  void runsTheTaskOnAThreadOfItsOwnAndWaitsForIt() {
    AtomicReference<String> ranOn = new AtomicReference<>();

    NativeStartup.run("engine", () -> ranOn.set(Thread.currentThread().getName()));

    assertThat(ranOn.get()).isEqualTo("start engine");
  }

  @Test
  void givesTheTaskAStackFarDeeperThanTheDefault() {
    // About 40 MB of frames: a default 1 MiB (or 8 MiB) stack overflows long before.
    NativeStartup.run("deep", () -> assertThat(depth(200_000)).isEqualTo(200_000));
  }

  @Test
  void rethrowsTheTasksRuntimeExceptionInTheCaller() {
    assertThatThrownBy(() -> NativeStartup.run("engine", () -> {
      throw new IllegalArgumentException("no such engine");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("no such engine");
  }

  @Test
  void rethrowsTheTasksErrorInTheCaller() {
    assertThatThrownBy(() -> NativeStartup.run("engine", () -> {
      throw new UnsatisfiedLinkError("libonnxruntime.so");
    })).isInstanceOf(UnsatisfiedLinkError.class);
  }

  @Test
  void keepsTheCallersInterruptFlagAfterFinishingTheTask() {
    Thread.currentThread().interrupt();
    AtomicReference<Boolean> ran = new AtomicReference<>(false);

    NativeStartup.run("engine", () -> ran.set(true));

    assertThat(ran.get()).isTrue();
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void onceRunsAStartUpOnlyUntilItHasSucceeded() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> NativeStartup.once("flaky engine", () -> {
      runs.incrementAndGet();
      throw new IllegalStateException("not yet");
    })).hasMessage("not yet");

    NativeStartup.once("flaky engine", runs::incrementAndGet);
    NativeStartup.once("flaky engine", runs::incrementAndGet);

    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void reservesStackInProportionToTheCommandLineWithinBounds() {
    assertThat(NativeStartup.stackBytes(0)).isEqualTo(NativeStartup.MIN_STACK);
    assertThat(NativeStartup.stackBytes(200_000)).isEqualTo(200_000L * 1024);
    assertThat(NativeStartup.stackBytes(10_000_000)).isEqualTo(NativeStartup.MAX_STACK);
  }

  private static int depth(int n) {
    long[] frame = new long[0];
    return n == 0 ? frame.length : 1 + depth(n - 1);
  }
}
