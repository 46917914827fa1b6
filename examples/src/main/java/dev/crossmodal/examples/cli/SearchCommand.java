package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.ScoreCalibration;
import dev.crossmodal.core.pipeline.Match;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crossmodal search}: a caption finds images, an image finds captions. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Search a workspace with a text (finds images) or an image (finds captions).")
public final class SearchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin WorkspaceOptions workspaceOptions;

  @ArgGroup(exclusive = true, multiplicity = "1")
  QueryOptions query;

  static final class QueryOptions {
    @Option(names = {"-t", "--text"}, paramLabel = "TEXT", description = "A caption-like query.")
    String text;

    @Option(names = {"-i", "--image"}, paramLabel = "FILE", description = "An image file query.")
    Path image;
  }

  @Option(names = {"-k", "--top-k"}, defaultValue = "5", description = "Number of matches (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--same-modality", description = "Search the query's own modality instead of the other one.")
  boolean sameModality;

  @Option(names = "--json", description = "Print the result as one JSON line.")
  boolean json;

  @Override
  public Integer call() {
    Document queryDoc = queryDocument();
    try (Workspace ws = workspaceOptions.openReadOnly();
        CrossModalModel model = WorkspaceOptions.modelOf(ws)) {
      Searcher searcher = new Searcher(ws, model);
      List<Match> matches =
          sameModality
              ? searcher.search(queryDoc, topK, java.util.Set.of(queryDoc.modality()), dev.crossmodal.core.IdFilter.ALL)
              : searcher.search(queryDoc, topK);
      print(matches, model.scoreCalibration().orElse(null));
    }
    return 0;
  }

  private Modality queryModality() {
    return query.text != null ? Modality.TEXT : Modality.IMAGE;
  }

  private Document queryDocument() {
    if (query.text != null) {
      if (query.text.isBlank()) {
        throw new InvalidInputException("--text: the query is empty");
      }
      return Document.text("query", query.text);
    }
    if (!Files.isRegularFile(query.image)) {
      throw new InvalidInputException("--image " + query.image + ": no such file");
    }
    if (!Files.isReadable(query.image)) {
      throw new InvalidInputException("--image " + query.image + ": file is not readable");
    }
    return Document.image("query", ImageSource.of(query.image));
  }

  private void print(List<Match> matches, ScoreCalibration calibration) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = Json.object();
      ObjectNode q = root.putObject("query");
      if (query.text != null) {
        q.put("text", query.text);
      } else {
        q.put("image", query.image.toString());
      }
      ArrayNode list = root.putArray("matches");
      for (Match m : matches) {
        list.add(MatchJson.of(m, m.document().modality().equals(queryModality()) ? null : calibration));
      }
      Json.println(out, root);
      return;
    }
    if (matches.isEmpty()) {
      out.println("No matches: the workspace has nothing of the target modality.");
    }
    int rank = 1;
    for (Match m : matches) {
      Document d = m.document();
      String what = d.modality().contentKind() == Modality.ContentKind.TEXT ? '"' + d.text() + '"' : d.image().toString();
      String calibrated =
          calibration == null || d.modality().equals(queryModality())
              ? ""
              : String.format(" (%s %.4f)", calibration.name(), calibration.score(m.score()));
      out.printf("%2d. %.4f%s  %-6s %s%n", rank++, m.score(), calibrated, d.modality(), what);
    }
    out.flush();
  }
}
