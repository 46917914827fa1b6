package dev.crossmodal.hostapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The run-time class path of a host application depending on core, index-flat and encoders-clip. */
final class HostClasspath {
  private HostClasspath() {}

  static String asString() {
    try {
      return Files.readString(Path.of(System.getProperty("host.classpath.file"))).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("run the build with Maven: it writes the host class path file", e);
    }
  }

  static List<Path> entries() {
    return Arrays.stream(asString().split(java.io.File.pathSeparator)).map(Path::of).toList();
  }

  /** Bytes of a jar, or of every file under a reactor module's classes folder. */
  static long size(Path entry) {
    try {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> files = Files.walk(entry)) {
          return files.filter(Files::isRegularFile).mapToLong(HostClasspath::fileSize).sum();
        }
      }
      return Files.size(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
