package dev.crossmodal.examples.cli;

import dev.crossmodal.core.Progress;
import dev.crossmodal.core.ProgressListener;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws the library's progress reports as a progress bar on stderr, one bar per task. */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
  private ProgressBar bar;
  private String task;

  @Override
  public synchronized void onProgress(Progress progress) {
    if (!progress.task().equals(task)) {
      close();
      task = progress.task();
      bar =
          new ProgressBarBuilder()
              .setTaskName(progress.task())
              .setInitialMax(progress.total())
              .setStyle(ProgressBarStyle.ASCII)
              .setSpeedUnit(ChronoUnit.SECONDS)
              .showSpeed()
              .setUpdateIntervalMillis(250)
              .continuousUpdate()
              .build();
    }
    if (progress.total() >= 0) {
      bar.maxHint(progress.total());
    }
    bar.stepTo(progress.done());
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
      task = null;
    }
  }
}
