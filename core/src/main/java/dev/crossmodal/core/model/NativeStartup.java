package dev.crossmodal.core.model;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a native library's one-time start-up on a platform thread with a stack sized for it.
 *
 * <p>Why: ONNX Runtime 1.29 scans the process command line while it creates its environment and
 * uses about 200 bytes of native stack per character of it. A JVM started with a long {@code
 * -cp} (an IDE, {@code java -cp $(cat classpath)}, a CLI with two hundred jars: 25,000 characters
 * and more) overflows the default 1 MiB thread stack, and the process dies with SIGSEGV and no
 * error report. The stack of a dedicated thread is reserved, not committed, so a generous one
 * costs address space only.
 *
 * <pre>{@code
 * NativeStartup.once("DJL's ONNX Runtime engine", () -> Engine.getEngine("OnnxRuntime"));
 * }</pre>
 */
public final class NativeStartup {
  /** Stack bytes reserved per character of the command line: five times what ONNX Runtime used. */
  static final long STACK_PER_COMMAND_LINE_CHAR = 1024;

  static final long MIN_STACK = 64L << 20;
  static final long MAX_STACK = 1L << 30;

  /** The start-ups of {@link #once} that have succeeded. */
  private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

  private NativeStartup() {}

  /**
   * Runs {@code task} as {@link #run} does, unless a task of the same name already succeeded in
   * this JVM: every model load can ask for its engine without a thread being started each time. A
   * start-up that failed is tried again by the next call.
   *
   * @param what names the start-up; the same name means the same start-up
   * @param task the start-up to run
   */
  public static void once(String what, Runnable task) {
    if (STARTED.contains(what)) {
      return;
    }
    synchronized (STARTED) {
      if (!STARTED.contains(what)) {
        run(what, task);
        STARTED.add(what);
      }
    }
  }

  /**
   * Runs {@code task} on a new platform thread with a large stack and waits for it. A runtime
   * exception or error thrown by the task is rethrown here, in the caller's thread.
   *
   * @param what names the task in the thread's name
   * @param task the start-up to run
   */
  public static void run(String what, Runnable task) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        task.run();
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "start " + what, stackBytes(commandLineLength()));
    thread.setDaemon(true);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        // A native start-up cannot be abandoned half-way; finish it, then restore the flag.
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(what + " failed: " + t, t);
    }
  }

  /** The stack to reserve for a process whose command line has {@code chars} characters. */
  static long stackBytes(long chars) {
    return Math.max(MIN_STACK, Math.min(MAX_STACK, chars * STACK_PER_COMMAND_LINE_CHAR));
  }

  /** Characters in this process's command line, or 0 where the platform does not tell. */
  private static long commandLineLength() {
    ProcessHandle.Info info = ProcessHandle.current().info();
    long length = info.command().map(String::length).orElse(0);
    for (String argument : info.arguments().map(List::of).orElse(List.of())) {
      length += 1 + argument.length();
    }
    return length;
  }
}
