package dev.crossmodal.core.pipeline;

import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.memory.InMemoryVectorIndex;
import dev.crossmodal.testing.ForwardingVectorIndex;
import dev.crossmodal.core.workspace.AtomicFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A minimal file-backed index for core's own tests, so that workspace persistence can be tested
 * without the index-flat module: the in-memory index, saved as a plain list at commit.
 */
public final class InMemoryFileIndex extends ForwardingVectorIndex<InMemoryVectorIndex> {
  private final Path file;

  private InMemoryFileIndex(Path file, int dimension) {
    super(new InMemoryVectorIndex(dimension));
    this.file = file;
  }

  public static VectorIndexFactory factory() {
    return new VectorIndexFactory() {
      @Override
      public String name() {
        return "test-file";
      }

      @Override
      public VectorIndex openOrCreate(Path path, int dimension) {
        InMemoryFileIndex index = new InMemoryFileIndex(path, dimension);
        if (Files.exists(path)) {
          try (DataInputStream in = new DataInputStream(Files.newInputStream(path))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
              String id = in.readUTF();
              float[] v = new float[dimension];
              for (int d = 0; d < dimension; d++) {
                v[d] = in.readFloat();
              }
              index.upsert(id, v);
            }
          } catch (IOException e) {
            throw new InvalidWorkspaceException("cannot read " + path, e);
          }
        }
        return index;
      }
    };
  }

  @Override
  public void commit() {
    try {
      AtomicFiles.write(
          file,
          out -> {
            DataOutputStream data = new DataOutputStream(out);
            List<String> ids = delegate().ids();
            data.writeInt(ids.size());
            for (String id : ids) {
              data.writeUTF(id);
              for (float x : delegate().vector(id).orElseThrow()) {
                data.writeFloat(x);
              }
            }
            data.flush();
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
