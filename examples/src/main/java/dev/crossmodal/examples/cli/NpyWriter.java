package dev.crossmodal.examples.cli;

import dev.crossmodal.image.PixelTensor;
import dev.crossmodal.core.workspace.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes a {@link PixelTensor} as a NumPy {@code .npy} file (format 1.0, little-endian float32, C order). */
final class NpyWriter {
  private NpyWriter() {}

  static void write(Path file, PixelTensor tensor) throws IOException {
    String header =
        "{'descr': '<f4', 'fortran_order': False, 'shape': ("
            + tensor.channels() + ", " + tensor.height() + ", " + tensor.width() + "), }";
    // Magic (6) + version (2) + header length (2) + header + newline, padded to a multiple of 64.
    int unpadded = 10 + header.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String padded = header + " ".repeat(padding) + "\n";
    ByteBuffer buf =
        ByteBuffer.allocate(10 + padded.length() + tensor.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    buf.putShort((short) padded.length());
    buf.put(padded.getBytes(StandardCharsets.US_ASCII));
    for (float v : tensor.data()) {
      buf.putFloat(v);
    }
    AtomicFiles.write(file, buf.array());
  }
}
