package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** One in-process run of the CLI: exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CrossmodalCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  List<String> lines() {
    return out.lines().toList();
  }

  /** The last stdout line, parsed as JSON (the contract of every --json mode). */
  JsonNode json() {
    List<String> lines = lines();
    try {
      return Json.MAPPER.readTree(lines.get(lines.size() - 1));
    } catch (IOException e) {
      throw new UncheckedIOException("last line is not JSON: " + out, e);
    }
  }
}
