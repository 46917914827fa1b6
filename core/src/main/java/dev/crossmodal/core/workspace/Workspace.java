package dev.crossmodal.core.workspace;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.DocumentStore;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.VectorIndexes;
import dev.crossmodal.core.model.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder holding everything one collection needs: a manifest (format version, model identity
 * and dimension, counts), one vector index per modality and the document store. It is the only
 * thing the CLI, the server and host applications open.
 *
 * <p>Writers hold an exclusive lock on the folder; readers ({@link OpenMode#READ_ONLY}) take none
 * and may run beside a writer, seeing its last commit. {@link #commit()} makes the indexes durable
 * before the documents, so that after a crash at any moment every stored document has its vector;
 * vectors without a document are removed on the next read-write open.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.openOrCreate(dir, spec, model)) {
 *   Indexer.builder(ws, model).build().index(dataset, -1);
 * }
 * try (Workspace ws = Workspace.open(dir, OpenMode.READ_ONLY)) {
 *   System.out.println(ws.documents().count(Modality.IMAGE));
 * }
 * }</pre>
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
  private static final String STORE_FILE = "documents.log";
  private static final String LOCK_FILE = ".lock";

  /** How a workspace is opened. */
  public enum OpenMode {
    /** Search only; no lock, nothing written. */
    READ_ONLY,
    /** Index and change; one writer at a time. */
    READ_WRITE
  }

  private final Path dir;
  private final OpenMode mode;
  private final DocumentStore store;
  private final Map<Modality, VectorIndex> indexes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private Manifest manifest;

  private Workspace(
      Path dir,
      OpenMode mode,
      Manifest manifest,
      DocumentStore store,
      Map<Modality, VectorIndex> indexes,
      FileChannel lockChannel,
      FileLock lock) {
    this.dir = dir;
    this.mode = mode;
    this.manifest = manifest;
    this.store = store;
    this.indexes = indexes;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens an existing workspace.
   *
   * @throws InvalidWorkspaceException if {@code dir} holds no workspace, a damaged one, one of an
   *     unknown format version, one whose indexes are of another type, or (read-write) one that
   *     another process is writing to
   */
  public static Workspace open(Path dir, VectorIndexFactory factory, OpenMode mode) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidWorkspaceException(
          "workspace " + dir + " does not exist: run `crossmodal index --workspace " + dir + " ...` first");
    }
    Manifest manifest = ManifestFile.read(dir);
    if (!manifest.indexType().equals(factory.name())) {
      throw new InvalidWorkspaceException(
          "workspace " + dir + " holds '" + manifest.indexType() + "' indexes, not '" + factory.name() + "'");
    }
    return openFiles(dir, manifest, factory, mode);
  }

  /**
   * A workspace that lives only in memory, with {@link dev.crossmodal.core.memory.InMemoryVectorIndex}
   * indexes: for host applications' unit tests and throw-away collections.
   */
  public static Workspace inMemory(CrossModalModel model) {
    List<Modality> modalities = new ArrayList<>(model.modalities());
    modalities.sort(java.util.Comparator.comparing(Modality::name));
    Map<Modality, VectorIndex> indexes = new LinkedHashMap<>();
    modalities.forEach(m -> indexes.put(m, new dev.crossmodal.core.memory.InMemoryVectorIndex(model.dimension())));
    Manifest manifest =
        new Manifest(
            ManifestFile.VERSION, model.id(), ModelSpec.of("in-memory"), model.dimension(), "memory",
            modalities, Map.of());
    return new Workspace(
        null, OpenMode.READ_WRITE, manifest, new dev.crossmodal.core.memory.InMemoryDocumentStore(),
        indexes, null, null);
  }

  /** Opens an existing workspace for reading and writing. */
  public static Workspace open(Path dir, VectorIndexFactory factory) {
    return open(dir, factory, OpenMode.READ_WRITE);
  }

  /**
   * Opens an existing workspace for reading and writing, with the {@link
   * dev.crossmodal.core.VectorIndexProvider} its manifest names.
   *
   * <pre>{@code
   * try (Workspace ws = Workspace.open(Path.of("ws"))) { ... }
   * }</pre>
   *
   * @throws InvalidWorkspaceException as {@link #open(Path, VectorIndexFactory, OpenMode)}, or if
   *     no index provider of the recorded name is on the class path
   */
  public static Workspace open(Path dir) {
    return open(dir, OpenMode.READ_WRITE);
  }

  /** As {@link #open(Path)}, in the given mode. */
  public static Workspace open(Path dir, OpenMode mode) {
    if (!Files.isDirectory(dir)) {
      return open(dir, VectorIndexes.defaultFactory(), mode); // refuses with the usual message
    }
    return open(dir, VectorIndexes.factory(ManifestFile.read(dir).indexType()), mode);
  }

  /**
   * As {@link #openOrCreate(Path, ModelSpec, CrossModalModel, VectorIndexFactory)}: an existing
   * workspace keeps the index its manifest names, a new one gets {@link
   * VectorIndexes#defaultFactory()}.
   */
  public static Workspace openOrCreate(Path dir, ModelSpec spec, CrossModalModel model) {
    VectorIndexFactory factory = ManifestFile.exists(dir)
        ? VectorIndexes.factory(ManifestFile.read(dir).indexType())
        : VectorIndexes.defaultFactory();
    return openOrCreate(dir, spec, model, factory);
  }

  /**
   * Opens the workspace in {@code dir} for writing, or creates it there for this model.
   *
   * @throws InvalidWorkspaceException if it exists and was built with another model (its identity
   *     or dimension differ)
   */
  public static Workspace openOrCreate(
      Path dir, ModelSpec spec, CrossModalModel model, VectorIndexFactory factory) {
    if (ManifestFile.exists(dir)) {
      Workspace ws = open(dir, factory, OpenMode.READ_WRITE);
      try {
        ws.requireModel(model);
      } catch (RuntimeException e) {
        ws.close();
        throw e;
      }
      return ws;
    }
    if (Files.isRegularFile(dir)) {
      throw new InvalidWorkspaceException("workspace path " + dir + " is a file, not a folder");
    }
    try {
      Files.createDirectories(dir);
      try (var entries = Files.list(dir)) {
        if (entries.anyMatch(p -> !p.getFileName().toString().equals(LOCK_FILE))) {
          throw new InvalidWorkspaceException(
              dir + " is not empty and holds no crossmodal workspace: choose an empty or new folder");
        }
      }
      List<Modality> modalities = new ArrayList<>(model.modalities());
      modalities.sort(java.util.Comparator.comparing(Modality::name));
      Map<String, Long> counts = new LinkedHashMap<>();
      modalities.forEach(m -> counts.put(m.name(), 0L));
      // The manifest says what the vectors mean and where the model was found, never how it ran:
      // threads or batch size must not bind the workspace to one machine.
      ModelSpec identity = new ModelSpec(spec.provider(), spec.variant(), spec.modelDir(), Map.of());
      Manifest manifest =
          new Manifest(
              ManifestFile.VERSION, model.id(), identity, model.dimension(), factory.name(), modalities, counts,
              model.weightDigest().orElse(null));
      // Lock before writing anything, so that two processes cannot create the same workspace.
      Workspace ws = openFiles(dir, manifest, factory, OpenMode.READ_WRITE);
      ManifestFile.write(dir, manifest);
      return ws;
    } catch (IOException e) {
      throw new InvalidWorkspaceException("cannot create workspace " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Workspace openFiles(
      Path dir, Manifest manifest, VectorIndexFactory factory, OpenMode mode) {
    FileChannel lockChannel = null;
    FileLock lock = null;
    Map<Modality, VectorIndex> indexes = new LinkedHashMap<>();
    DocumentStore store = null;
    try {
      if (mode == OpenMode.READ_WRITE) {
        lockChannel =
            FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
          lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          throw new InvalidWorkspaceException(
              "workspace " + dir + " is being written by another process (or another open Workspace):"
                  + " wait for it to finish");
        }
      }
      for (Modality modality : manifest.modalities()) {
        indexes.put(
            modality,
            factory.openOrCreate(dir.resolve("vectors-" + modality.name() + "." + factory.name()), manifest.dimension()));
      }
      store = LogDocumentStore.open(dir.resolve(STORE_FILE));
      Workspace ws = new Workspace(dir, mode, manifest, store, indexes, lockChannel, lock);
      if (mode == OpenMode.READ_WRITE) {
        ws.reconcile();
      }
      return ws;
    } catch (IOException e) {
      closeQuietly(indexes, store, lockChannel);
      throw new InvalidWorkspaceException("cannot open workspace " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(indexes, store, lockChannel);
      throw e;
    }
  }

  private static void closeQuietly(
      Map<Modality, VectorIndex> indexes, DocumentStore store, FileChannel lockChannel) {
    indexes.values().forEach(VectorIndex::close);
    if (store != null) {
      store.close();
    }
    if (lockChannel != null) {
      try {
        lockChannel.close();
      } catch (IOException ignored) {
        // Closing the channel also releases the lock; nothing more to do.
      }
    }
  }

  /**
   * Brings indexes and store back in step after a crash: vectors without a document are removed
   * (their documents will be indexed again), and documents without a vector are forgotten.
   */
  private void reconcile() {
    boolean changed = false;
    for (Map.Entry<Modality, VectorIndex> entry : indexes.entrySet()) {
      VectorIndex index = entry.getValue();
      Set<String> indexed = new HashSet<>(index.ids());
      int orphans = 0;
      for (String id : indexed) {
        if (!store.contains(id)) {
          index.delete(id);
          orphans++;
        }
      }
      List<String> missing = new ArrayList<>();
      store.forEach(
          doc -> {
            if (doc.modality().equals(entry.getKey()) && !indexed.contains(doc.id())) {
              missing.add(doc.id());
            }
          });
      missing.forEach(store::delete);
      if (orphans > 0 || !missing.isEmpty()) {
        LOG.warn(
            "workspace {}: {} index had {} vectors without documents and {} documents without vectors"
                + " (an interrupted run); they will be indexed again",
            dir, entry.getKey(), orphans, missing.size());
        changed = true;
      }
    }
    if (changed) {
      commit();
    }
  }

  /**
   * Checks that vectors of {@code model} belong in this workspace.
   *
   * @throws InvalidWorkspaceException if the workspace was built with another model
   */
  public void requireModel(CrossModalModel model) {
    if (!manifest.modelId().equals(model.id()) || manifest.dimension() != model.dimension()) {
      throw new InvalidWorkspaceException(
          "workspace " + dir + " was built with model " + manifest.modelId() + " (dimension "
              + manifest.dimension() + "), not " + model.id() + " (dimension " + model.dimension()
              + "): use that model, or index into a new --workspace folder");
    }
  }

  /** The workspace folder; empty for an {@link #inMemory} workspace. */
  public Optional<Path> directory() {
    return Optional.ofNullable(dir);
  }

  /** How the workspace was opened. */
  public OpenMode mode() {
    return mode;
  }

  /** The manifest as of the last commit. */
  public synchronized Manifest manifest() {
    return manifest;
  }

  /** The stored documents. */
  public DocumentStore documents() {
    return store;
  }

  /** The modalities with an index, in manifest order. */
  public List<Modality> modalities() {
    return manifest.modalities();
  }

  /**
   * The index of one modality.
   *
   * @throws IllegalArgumentException if the workspace has no index for it
   */
  public VectorIndex index(Modality modality) {
    VectorIndex index = indexes.get(modality);
    if (index == null) {
      throw new IllegalArgumentException(
          "workspace " + dir + " has no " + modality + " index (it has " + indexes.keySet() + ")");
    }
    return index;
  }

  /** The index of one modality, if the workspace has one. */
  public Optional<VectorIndex> findIndex(Modality modality) {
    return Optional.ofNullable(indexes.get(modality));
  }

  /** Looks up a stored document. */
  public Optional<Document> document(String id) {
    return store.get(id);
  }

  /**
   * Makes all changes durable: indexes first, then documents, then the manifest's counts.
   *
   * @throws IllegalStateException if the workspace was opened read-only
   */
  public synchronized void commit() {
    if (mode != OpenMode.READ_WRITE) {
      throw new IllegalStateException("workspace " + dir + " was opened read-only");
    }
    indexes.values().forEach(VectorIndex::commit);
    store.commit();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Modality modality : manifest.modalities()) {
      counts.put(modality.name(), store.count(modality));
    }
    Manifest updated = manifest.withCounts(counts);
    if (!updated.equals(manifest) && dir != null) {
      try {
        ManifestFile.write(dir, updated);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write manifest of workspace " + dir, e);
      }
    }
    manifest = updated;
  }

  /** Closes indexes and store; changes not committed are lost. */
  @Override
  public void close() {
    closeQuietly(indexes, store, lockChannel);
  }
}
