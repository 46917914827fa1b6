package dev.crossmodal.examples.cli;

import dev.crossmodal.core.Progress;
import dev.crossmodal.core.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws progress on one stderr line ({@code encoding images  512/1000  85.3/s  eta 6s}), moving to
 * a new line when the task changes, so stdout stays clean for results and JSON.
 */
final class ProgressPrinter implements ProgressListener {
  private final PrintStream out;
  private String task;

  ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void onProgress(Progress p) {
    if (task != null && !task.equals(p.task())) {
      out.println();
    }
    task = p.task();
    String total = p.total() >= 0 ? "/" + p.total() : "";
    String eta = p.eta().map(d -> "  eta " + d.toSeconds() + "s").orElse("");
    out.printf(Locale.ROOT, "\r%-28s %d%s  %.1f/s%s   ", p.task(), p.done(), total, p.ratePerSecond(), eta);
    out.flush();
  }

  /** Ends the current line. */
  synchronized void done() {
    if (task != null) {
      out.println();
      task = null;
    }
  }
}
