package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.datasets.Datasets;
import dev.crossmodal.eval.RetrievalEvaluator;
import dev.crossmodal.eval.RetrievalMetrics;
import dev.crossmodal.eval.RetrievalReport;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.index.flat.FlatIndex;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal eval}: text-to-image and image-to-text R@1/5/10, median rank and MRR of a model
 * on a captioned dataset, encoded from scratch (no workspace).
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measure text->image and image->text retrieval of a model on a dataset.",
      "R@1/5/10 in percent (a hit when any positive is in the top k), median rank (ranks start at 1)"
          + " and MRR (0..1)."
    })
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-d", "--data"}, paramLabel = "DIR", description = "Dataset folder (or Karpathy split file); optional for --format toy.")
  Path data;

  @Option(names = "--format", required = true, description = "Dataset layout: ${COMPLETION-CANDIDATES}.", completionCandidates = Formats.class)
  String format;

  @Mixin ModelOptions modelOptions = new ModelOptions();

  @Option(names = "--split", description = "Karpathy split: test (the standard 1K/5K test set), val, train, restval.")
  String split;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Evaluate only the first N images (and their captions).")
  Integer limit;

  @Option(names = {"-s", "--batch-size"}, paramLabel = "N", defaultValue = "32", description = "Documents per encoder call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--json", description = "Print the metrics as one JSON line on stdout (the table goes to stderr).")
  boolean json;

  /** The format names, for help and completion. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Datasets.FORMATS.iterator();
    }
  }

  @Override
  public Integer call() throws JsonProcessingException {
    OptionChecks.batchSize(spec, batchSize);
    OptionChecks.limit(spec, limit);
    long start = System.nanoTime();
    List<DatasetEntry> entries = readEntries();
    RetrievalReport report;
    try (CrossModalModel loaded = Models.load(modelOptions.spec());
        ConsoleProgress progress = new ConsoleProgress()) {
      report =
          RetrievalEvaluator.builder()
              .model(loaded)
              .indexes(dimension -> FlatIndex.builder(dimension).build())
              .batchSize(batchSize)
              .listener(progress)
              .build()
              .evaluate(entries);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    report.skipped().forEach(s -> err.println("skipped " + s.item() + ": " + s.reason()));
    PrintWriter table = json ? err : out;
    printTable(table, report, seconds);
    table.flush();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(toJson(report)));
      out.flush();
    }
    return 0;
  }

  private List<DatasetEntry> readEntries() {
    List<DatasetEntry> entries = new ArrayList<>();
    long images = 0;
    try (Stream<DatasetEntry> stream = Datasets.open(format, data, split).entries()) {
      Iterator<DatasetEntry> it = stream.iterator();
      while (it.hasNext() && (limit == null || images < limit)) {
        DatasetEntry entry = it.next();
        entries.add(entry);
        if (entry.hasImage()) {
          images++;
        }
      }
    }
    return entries;
  }

  static ObjectNode toJson(RetrievalReport report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.set("text_to_image", metricsJson(mapper, report.textToImage()));
    root.set("image_to_text", metricsJson(mapper, report.imageToText()));
    root.put("images", report.images());
    root.put("texts", report.texts());
    return root;
  }

  private static ObjectNode metricsJson(ObjectMapper mapper, RetrievalMetrics metrics) {
    ObjectNode node = mapper.createObjectNode();
    node.put("R@1", metrics.recallPercentAt(1));
    node.put("R@5", metrics.recallPercentAt(5));
    node.put("R@10", metrics.recallPercentAt(10));
    double median = metrics.medianRank();
    // Every candidate is ranked, so the median is finite; JSON has no infinity anyway.
    if (Double.isFinite(median)) {
      node.put("MedR", median);
    } else {
      node.putNull("MedR");
    }
    node.put("MRR", metrics.meanReciprocalRank());
    return node;
  }

  private static void printTable(PrintWriter out, RetrievalReport report, double seconds) {
    out.printf(Locale.ROOT, "%d images, %d captions, evaluated in %.1f s%n", report.images(), report.texts(), seconds);
    out.printf(Locale.ROOT, "%-15s %7s %7s %7s %7s %7s%n", "direction", "R@1", "R@5", "R@10", "MedR", "MRR");
    row(out, "text -> image", report.textToImage());
    row(out, "image -> text", report.imageToText());
  }

  private static void row(PrintWriter out, String name, RetrievalMetrics m) {
    out.printf(
        Locale.ROOT,
        "%-15s %7.1f %7.1f %7.1f %7.1f %7.4f%n",
        name,
        m.recallPercentAt(1),
        m.recallPercentAt(5),
        m.recallPercentAt(10),
        m.medianRank(),
        m.meanReciprocalRank());
  }
}
