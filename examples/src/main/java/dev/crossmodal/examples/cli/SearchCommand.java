package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.Match;
import dev.crossmodal.core.ScoreCalibration;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.examples.server.IndexedImages;
import dev.crossmodal.examples.server.WorkspaceSearchService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

  @Option(names = "--model-dir", paramLabel = "DIR_OR_FILE",
      description = "Load the workspace's model from here instead of where it was indexed from.")
  Path modelDir;

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

  @Option(
      names = "--modality",
      paramLabel = "image|text",
      description = "What to return (default: the other modality than the query's).")
  String modality;

  @Option(
      names = "--min-score",
      paramLabel = "S",
      description = "Drop matches whose cosine is below S.")
  Double minScore;

  @Option(names = "--json", description = "Print the result as one JSON line.")
  boolean json;

  @Override
  public Integer call() {
    Document queryDoc = queryDocument();
    Optional<Modality.ContentKind> returns = returns(queryDoc);
    if (minScore != null && !Double.isFinite(minScore)) {
      throw new InvalidInputException("--min-score must be a finite number, got " + minScore);
    }
    try (Workspace ws = workspaceOptions.openReadOnly();
        CrossModalModel model = WorkspaceOptions.modelOf(ws, modelDir)) {
      WorkspaceSearchService service = new WorkspaceSearchService(new Searcher(ws, model));
      List<Match> matches =
          service.search(queryDoc, topK, returns, minScore == null ? Double.NEGATIVE_INFINITY : minScore);
      print(matches, new IndexedImages(ws::document), model.scoreCalibration().orElse(null));
    }
    return 0;
  }

  private Modality queryModality() {
    return query.text != null ? Modality.TEXT : Modality.IMAGE;
  }

  private Optional<Modality.ContentKind> returns(Document queryDoc) {
    if (modality == null) {
      return sameModality ? Optional.of(queryDoc.modality().contentKind()) : Optional.empty();
    }
    Modality.ContentKind kind = switch (modality) {
      case "image" -> Modality.ContentKind.IMAGE;
      case "text" -> Modality.ContentKind.TEXT;
      default -> throw new InvalidInputException("--modality must be image or text, got '" + modality + "'");
    };
    if (sameModality && kind != queryDoc.modality().contentKind()) {
      throw new InvalidInputException("--same-modality and --modality " + modality + " contradict each other");
    }
    return Optional.of(kind);
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

  private void print(List<Match> matches, IndexedImages images, ScoreCalibration calibration) {
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
        list.add(MatchJson.of(m, images, m.document().modality().equals(queryModality()) ? null : calibration));
      }
      Json.println(out, root);
      return;
    }
    if (matches.isEmpty()) {
      out.println(minScore == null
          ? "No matches: the workspace has nothing of the target modality."
          : "No matches with a score of at least " + minScore + ".");
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
