package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.CrossmodalException;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.image.PixelTensor;
import dev.crossmodal.core.model.Models;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal embed}: prints the tokens and embedding of texts and images, and optionally
 * the exact pixel tensor each image becomes, for checking parity with a reference pipeline.
 */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = "Print embeddings (and CLIP/VSE tokens) of texts and images, one JSON line per input, in the order given.")
public final class EmbedCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions modelOptions;

  private record Input(Modality modality, String value) {}

  private final List<Input> inputs = new ArrayList<>();

  @Option(names = {"-t", "--text"}, paramLabel = "TEXT", description = "A text to embed (repeatable).")
  void addText(String text) {
    inputs.add(new Input(Modality.TEXT, text));
  }

  @Option(names = {"-i", "--image"}, paramLabel = "FILE", description = "An image file to embed (repeatable).")
  void addImage(String file) {
    inputs.add(new Input(Modality.IMAGE, file));
  }

  @Option(names = "--pixels-out", paramLabel = "DIR", description = "Write each image's model input as DIR/<file name>.npy (float32 [3,H,W]).")
  Path pixelsOut;

  @Option(names = "--json", description = "Print JSON lines (the only output format; accepted for clarity).")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (inputs.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give at least one --text or --image");
    }
    if (pixelsOut != null) {
      Files.createDirectories(pixelsOut);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failures = 0;
    try (CrossModalModel model = Models.load(modelOptions.spec())) {
      for (Input input : inputs) {
        try {
          Json.println(out, embed(model, input));
        } catch (InvalidInputException e) {
          failures++;
          err.println("error: " + e.getMessage());
          err.flush();
        }
      }
    }
    return failures == 0 ? 0 : 2;
  }

  private ObjectNode embed(CrossModalModel model, Input input) throws IOException {
    Document doc;
    if (input.modality().equals(Modality.TEXT)) {
      doc = Document.text("text", input.value());
    } else {
      Path file = Path.of(input.value());
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException("--image " + input.value() + ": no such file");
      }
      doc = Document.image("image", ImageSource.of(file));
    }
    Encoder encoder = model.encoder(input.modality());
    ObjectNode node = Json.object();
    node.put("modality", input.modality().name());
    node.put("input", input.value());
    float[] embedding;
    if (encoder instanceof StagedEncoder<?> staged) {
      embedding = embedStaged(staged, doc, node);
    } else {
      embedding = encoder.encode(doc);
    }
    ArrayNode values = node.putArray("embedding");
    for (float v : embedding) {
      values.add(v);
    }
    return node;
  }

  private <P> float[] embedStaged(StagedEncoder<P> encoder, Document doc, ObjectNode node) throws IOException {
    P prepared = encoder.prepare(doc);
    if (prepared instanceof TokenIds tokens) {
      ArrayNode ids = node.putArray("tokens");
      for (int id : tokens.ids()) {
        ids.add(id);
      }
    } else if (prepared instanceof PixelTensor pixels && pixelsOut != null) {
      Path file = pixelsOut.resolve(doc.image().name() + ".npy");
      NpyWriter.write(file, pixels);
      node.put("pixels", file.toString());
    }
    return encoder.encodePrepared(List.of(prepared))[0];
  }
}
