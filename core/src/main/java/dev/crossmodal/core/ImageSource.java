package dev.crossmodal.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an image's encoded bytes (JPEG, PNG, ...) come from. Sources are cheap descriptions:
 * nothing is read until {@link #open()} is called, so a dataset of a million images costs a
 * million small objects, not a million decoded rasters.
 *
 * <pre>{@code
 * ImageSource photo = ImageSource.of(Path.of("photos/beach.jpg"));
 * try (InputStream in = photo.open()) { ... }
 * }</pre>
 */
public sealed interface ImageSource {

  /** {@return a short human-readable name for messages and file names (usually the file name)} */
  String name();

  /**
   * Opens the encoded bytes.
   *
   * @return a stream of the encoded image; the caller closes it
   * @throws IOException if the source cannot be read
   */
  InputStream open() throws IOException;

  /**
   * Reads all encoded bytes.
   *
   * @return the encoded image
   * @throws IOException if the source cannot be read
   */
  default byte[] readAllBytes() throws IOException {
    try (InputStream in = open()) {
      return in.readAllBytes();
    }
  }

  /**
   * {@return an image in a local file}
   *
   * @param path the encoded image file
   */
  static ImageSource of(Path path) {
    return new FileImage(path);
  }

  /**
   * {@return an image behind a URI; a {@code file:} URI becomes a {@link FileImage}}
   *
   * @param uri where the encoded image is read from
   */
  static ImageSource of(URI uri) {
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      return new FileImage(Path.of(uri));
    }
    return new UriImage(uri);
  }

  /**
   * {@return an image already in memory, named {@code name} in messages}
   *
   * @param name names the image in messages, such as the uploaded file's name
   * @param bytes the encoded image (JPEG, PNG, ...)
   */
  static ImageSource of(String name, byte[] bytes) {
    return new BytesImage(name, bytes);
  }

  /**
   * An image in a local file.
   *
   * @param path the encoded image file
   */
  record FileImage(Path path) implements ImageSource {
    /** Refuses a null path. */
    public FileImage {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String name() {
      Path fileName = path.getFileName();
      return fileName == null ? path.toString() : fileName.toString();
    }

    /**
     * Opens the file; refuses a FIFO, device, socket or folder, which could block forever or
     * never end, with an {@link IOException} naming it.
     */
    @Override
    public InputStream open() throws IOException {
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        throw new IOException(path + " is not a regular file (a folder, FIFO, device or socket)");
      }
      return Files.newInputStream(path);
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  /**
   * An image behind a URI that {@link URI#toURL()} can open (http, https, jar, ...).
   *
   * @param uri where the encoded image is read from
   */
  record UriImage(URI uri) implements ImageSource {
    /** Refuses a null URI. */
    public UriImage {
      Objects.requireNonNull(uri, "uri");
    }

    @Override
    public String name() {
      String path = uri.getPath();
      if (path == null || path.isEmpty()) {
        return uri.toString();
      }
      return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public InputStream open() throws IOException {
      return uri.toURL().openStream();
    }

    @Override
    public String toString() {
      return uri.toString();
    }
  }

  /**
   * An image already in memory, such as an upload.
   *
   * @param name names the image in messages, such as the uploaded file's name
   * @param bytes the encoded image (JPEG, PNG, ...)
   */
  record BytesImage(String name, byte[] bytes) implements ImageSource {
    /** Refuses null arguments. */
    public BytesImage {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public String toString() {
      return name + " (" + bytes.length + " bytes)";
    }
  }
}
