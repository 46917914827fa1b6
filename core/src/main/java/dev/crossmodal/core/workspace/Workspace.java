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
  static final String STORE_FILE = "documents.log";
  /** How long a reader retries while a writer's commit changes the files under it. */
  private static final long READER_RETRY_MILLIS = 30_000;
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
  private Manifest manifest;
  private CommitCoverage coverage;
  /** The manifest's bytes as opened (null in memory), to notice a writer's later commits. */
  private byte[] openedManifest;
  private VectorIndexFactory factory;
  private boolean closed;

  private Workspace(
      Path dir,
      OpenMode mode,
      Manifest manifest,
      DocumentStore store,
      Map<Modality, VectorIndex> indexes,
      FileChannel lockChannel) {
    this.dir = dir;
    this.mode = mode;
    this.manifest = manifest;
    this.store = store;
    this.indexes = indexes;
    this.lockChannel = lockChannel;
  }

  /**
   * Opens an existing workspace.
   *
   * @param dir the workspace folder
   * @param factory opens the workspace's vector indexes
   * @param mode read-write (locked) or read-only
   * @return the open workspace; close it to release the lock
   * @throws InvalidWorkspaceException if {@code dir} holds no workspace, a damaged one, one of an
   *     unknown format version, one whose indexes are of another type, or (read-write) one that
   *     another process is writing to
   */
  public static Workspace open(Path dir, VectorIndexFactory factory, OpenMode mode) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidWorkspaceException(
          "workspace " + dir + " does not exist: run `crossmodal index --workspace " + dir + " ...` first");
    }
    if (mode == OpenMode.READ_WRITE) {
      // Lock first: what is read below cannot then change under the writer.
      FileChannel lockChannel = lock(dir);
      try {
        ManifestFile.Stored stored = ManifestFile.load(dir);
        requireIndexType(dir, stored.manifest(), factory);
        return openFiles(dir, stored, factory, mode, lockChannel);
      } catch (RuntimeException e) {
        unlock(dir, lockChannel);
        throw e;
      }
    }
    // A reader takes no lock: if a writer commits while it opens, the manifest changes and the
    // reader starts again on the new commit, rather than mistaking the change for damage.
    long deadline = System.nanoTime() + READER_RETRY_MILLIS * 1_000_000;
    while (true) {
      ManifestFile.Stored stored = ManifestFile.load(dir);
      requireIndexType(dir, stored.manifest(), factory);
      if (stored.coverage() != null && stored.coverage().pending() && System.nanoTime() < deadline
          && writerActive(dir)) {
        // A writer is between "files are about to change" and its new manifest: wait for it,
        // so that this reader sees one whole commit, not indexes newer than the documents.
        pause();
        continue;
      }
      Workspace ws;
      try {
        ws = openFiles(dir, stored, factory, mode, null);
      } catch (InvalidWorkspaceException e) {
        if (manifestChanged(dir, stored) && System.nanoTime() < deadline) {
          pause();
          continue;
        }
        throw e;
      }
      if (!manifestChanged(dir, stored) || System.nanoTime() >= deadline) {
        return ws;
      }
      ws.close();
      pause();
    }
  }

  private static void requireIndexType(Path dir, Manifest manifest, VectorIndexFactory factory) {
    if (!manifest.indexType().equals(factory.name())) {
      throw new InvalidWorkspaceException(
          "workspace " + dir + " holds '" + manifest.indexType() + "' indexes, not '" + factory.name() + "'");
    }
  }

  private static boolean manifestChanged(Path dir, ManifestFile.Stored stored) {
    return !java.util.Arrays.equals(stored.raw(), ManifestFile.readRaw(dir));
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidWorkspaceException("interrupted while opening a workspace", e);
    }
  }

  /**
   * {@return whether {@code dir} holds a workspace (a manifest), damaged or not}
   *
   * @param dir a folder
   */
  public static boolean exists(Path dir) {
    return ManifestFile.exists(dir);
  }

  /**
   * {@return a workspace that lives only in memory, with {@link dev.crossmodal.core.memory.InMemoryVectorIndex}
   * indexes: for host applications' unit tests and throw-away collections}
   *
   * @param model the model whose vectors the workspace holds
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
        indexes, null);
  }

  /**
   * Opens an existing workspace for reading and writing.
   *
   * @param dir the workspace folder
   * @param factory opens the workspace's vector indexes
   * @return the open workspace; close it to release the lock
   */
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
   * @param dir the workspace folder
   * @return the open workspace; close it to release the lock
   * @throws InvalidWorkspaceException as {@link #open(Path, VectorIndexFactory, OpenMode)}, or if
   *     no index provider of the recorded name is on the class path
   */
  public static Workspace open(Path dir) {
    return open(dir, OpenMode.READ_WRITE);
  }

  /**
   * As {@link #open(Path)}, in the given mode.
   *
   * @param dir the workspace folder
   * @param mode read-write (locked) or read-only
   * @return the open workspace; close it to release the lock
   */
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
   *
   * @param dir the workspace folder; created if absent
   * @param spec how to load the model again, recorded in a new workspace
   * @param model the model whose vectors the workspace holds
   * @return the open workspace; close it to release the lock
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
   * @param dir the workspace folder; created if absent
   * @param spec how to load the model again, recorded in a new workspace
   * @param model the model whose vectors the workspace holds
   * @param factory opens or creates the workspace's vector indexes
   * @return the open workspace; close it to release the lock
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
      FileChannel lockChannel = lock(dir);
      Workspace ws;
      try {
        ws = openFiles(dir, new ManifestFile.Stored(manifest, null, null), factory, OpenMode.READ_WRITE, lockChannel);
      } catch (RuntimeException e) {
        unlock(dir, lockChannel);
        throw e;
      }
      ws.commit();
      return ws;
    } catch (IOException e) {
      throw new InvalidWorkspaceException("cannot create workspace " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes the writer lock of {@code dir}.
   *
   * @throws InvalidWorkspaceException if another process or open Workspace holds it
   */
  private static FileChannel lock(Path dir) {
    if (!LOCKED_HERE.add(lockKey(dir))) {
      throw new InvalidWorkspaceException(
          "workspace " + dir + " is being written by another open Workspace of this process:"
              + " close it first");
    }
    FileChannel lockChannel;
    try {
      lockChannel =
          FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      LOCKED_HERE.remove(lockKey(dir));
      throw new InvalidWorkspaceException("cannot lock workspace " + dir + ": " + e.getMessage(), e);
    }
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(Map.of(), null, lockChannel);
      LOCKED_HERE.remove(lockKey(dir));
      throw new InvalidWorkspaceException(
          "workspace " + dir + " is being written by another process (or another open Workspace):"
              + " wait for it to finish");
    }
    return lockChannel;
  }

  /**
   * Folders whose writer lock this JVM holds. Checked before the lock file is opened at all: on
   * POSIX systems closing any descriptor of a file releases every lock the process holds on it,
   * so a second open-and-close from this JVM would silently free the writer's lock.
   */
  private static final Set<Path> LOCKED_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static Path lockKey(Path dir) {
    return dir.toAbsolutePath().normalize();
  }

  /**
   * Whether a writer holds the lock of {@code dir} now (in this JVM or another process). Only
   * asked while a commit is marked under way; the probe takes a shared lock for an instant.
   */
  private static boolean writerActive(Path dir) {
    if (LOCKED_HERE.contains(lockKey(dir))) {
      return true;
    }
    Path lockFile = dir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
      FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Workspace openFiles(
      Path dir, ManifestFile.Stored stored, VectorIndexFactory factory, OpenMode mode,
      FileChannel lockChannel) {
    Manifest manifest = stored.manifest();
    CommitCoverage coverage = stored.coverage();
    boolean writer = mode == OpenMode.READ_WRITE;
    boolean existing = stored.raw() != null;
    Map<Modality, VectorIndex> indexes = new LinkedHashMap<>();
    DocumentStore store = null;
    try {
      if (writer) {
        removeStrayTemporaryFiles(dir);
      }
      Path storeFile = dir.resolve(STORE_FILE);
      boolean hasDocuments = manifest.counts().values().stream().anyMatch(c -> c > 0);
      if (existing && (coverage != null || hasDocuments)) {
        requireRegularFile(dir, storeFile, "documents");
      } else if (Files.exists(storeFile) && !Files.isRegularFile(storeFile)) {
        requireRegularFile(dir, storeFile, "documents");
      }
      for (Modality modality : manifest.modalities()) {
        Path file = dir.resolve(vectorsFileName(modality, factory.name()));
        boolean committed =
            coverage != null
                ? coverage.vectorsFile(file.getFileName().toString()).isPresent()
                : manifest.count(modality) > 0;
        if (existing && committed) {
          if (!Files.exists(file)) {
            throw new InvalidWorkspaceException(
                file + " is missing, but the workspace's last commit holds " + manifest.count(modality)
                    + " " + modality.name() + " documents: restore the file from a backup or re-index"
                    + " into a new workspace");
          }
          if (coverage != null && !coverage.pending()) {
            checkVectorsFile(dir, file, modality, coverage);
          }
        }
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
          // A FIFO or device would block or never end: never open one.
          throw new InvalidWorkspaceException(
              file + " is not a regular file: the workspace is damaged; restore it from a backup or"
                  + " re-index into a new workspace");
        }
        VectorIndex index = factory.openOrCreate(file, manifest.dimension());
        indexes.put(modality, index);
        if (coverage != null && !coverage.pending()) {
          long written =
              coverage.vectorsFile(file.getFileName().toString()).map(CommitCoverage.VectorsCoverage::count).orElse(0L);
          if (index.size() != written) {
            throw new InvalidWorkspaceException(
                file + " holds " + index.size() + " vectors but the workspace's last commit wrote "
                    + written + ": it was replaced or damaged; restore it from a backup or re-index"
                    + " into a new workspace");
          }
        }
      }
      store =
          LogDocumentStore.open(
              storeFile, coverage == null ? null : coverage.log(), coverage != null && coverage.pending(), writer);
      if (coverage == null || coverage.pending()) {
        // Nothing recorded to compare with (an older workspace, or a commit cut short): the
        // content must still make sense, or a swapped file would be read as the other modality.
        checkModalities(indexes, store);
      }
      Workspace ws = new Workspace(dir, mode, manifest, store, indexes, lockChannel);
      ws.coverage = coverage;
      ws.openedManifest = stored.raw();
      ws.factory = factory;
      if (writer && existing) {
        ws.reconcile(coverage == null || coverage.pending());
      }
      return ws;
    } catch (RuntimeException e) {
      closeQuietly(indexes, store, null);
      throw e;
    }
  }

  private static String vectorsFileName(Modality modality, String indexType) {
    return "vectors-" + modality.name() + "." + indexType;
  }

  private static void requireRegularFile(Path dir, Path file, String what) {
    if (!Files.exists(file)) {
      throw new InvalidWorkspaceException(
          file + " is missing: the " + what + " of workspace " + dir + " are gone; restore the file"
              + " from a backup or re-index into a new workspace");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidWorkspaceException(
          file + " is not a regular file: the workspace is damaged; restore it from a backup or"
              + " re-index into a new workspace");
    }
  }

  /** Compares a vectors file with what the last commit wrote there, naming a swap as such. */
  private static void checkVectorsFile(
      Path dir, Path file, Modality modality, CommitCoverage coverage) {
    String name = file.getFileName().toString();
    CommitCoverage.VectorsCoverage expected = coverage.vectorsFile(name).orElse(null);
    if (expected == null) {
      return; // a modality added since: nothing committed to compare with
    }
    if (!expected.modality().equals(modality.name())) {
      throw new InvalidWorkspaceException(
          dir.resolve(ManifestFile.FILE_NAME) + " records " + name + " as holding "
              + expected.modality() + " vectors, not " + modality.name()
              + ": the manifest is damaged; re-index into a new workspace");
    }
    FileFingerprint actual;
    try {
      actual = FileFingerprint.of(file);
    } catch (IOException e) {
      throw new InvalidWorkspaceException(
          "cannot read " + file + " (" + e.getMessage() + "): restore it from a backup or re-index"
              + " into a new workspace", e);
    }
    if (actual.equals(expected.fingerprint())) {
      return;
    }
    for (Map.Entry<String, CommitCoverage.VectorsCoverage> other : coverage.vectors().entrySet()) {
      if (!other.getKey().equals(name) && other.getValue().fingerprint().equals(actual)) {
        throw new InvalidWorkspaceException(
            file + " holds the " + other.getValue().modality() + " vectors the last commit wrote to "
                + other.getKey() + ", not the " + modality.name() + " vectors: the files were swapped"
                + " or copied over each other; put each back under its own name, or re-index into a"
                + " new workspace");
      }
    }
    throw new InvalidWorkspaceException(
        file + " differs from what the workspace's last commit wrote there (" + actual.bytes()
            + " bytes, fingerprint " + actual.crc32c() + "; committed: " + expected.fingerprint().bytes()
            + " bytes, " + expected.fingerprint().crc32c() + "): it was replaced or damaged;"
            + " restore it from a backup or re-index into a new workspace");
  }

  /** Refuses an index whose ids are documents of another modality (swapped files). */
  private static void checkModalities(Map<Modality, VectorIndex> indexes, DocumentStore store) {
    for (Map.Entry<Modality, VectorIndex> entry : indexes.entrySet()) {
      for (String id : entry.getValue().ids()) {
        Optional<Document> document = store.get(id);
        if (document.isPresent() && !document.get().modality().equals(entry.getKey())) {
          throw new InvalidWorkspaceException(
              "the " + entry.getKey().name() + " vectors file holds the vector of "
                  + document.get().modality().name() + " document '" + id + "': the vectors files"
                  + " were swapped or copied over each other; put each back under its own name, or"
                  + " re-index into a new workspace");
        }
      }
    }
  }

  /**
   * Deletes the temporary files of atomic writes that a killed writer left behind. Only the
   * lock holder does this: a reader cannot tell a stray file from one a writer is writing.
   */
  private static void removeStrayTemporaryFiles(Path dir) {
    try (var entries = Files.newDirectoryStream(dir, "*.tmp")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        boolean ours =
            name.startsWith("." + ManifestFile.FILE_NAME + ".") || name.startsWith("." + STORE_FILE + ".")
                || name.startsWith("vectors-");
        if (ours && Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(entry);
          LOG.info("workspace {}: removed {}, left by an interrupted write", dir, name);
        }
      }
    } catch (IOException e) {
      LOG.warn("workspace {}: cannot remove temporary files of an interrupted write: {}", dir, e.toString());
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
  private void reconcile(boolean afterInterruptedCommit) {
    boolean changed = afterInterruptedCommit;
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
      List<String> missing =
          store.ids(entry.getKey()).stream().filter(id -> !indexed.contains(id)).toList();
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
   * @param model the model about to write or query vectors
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

  /**
   * {@return whether a writer has finished a commit since this read-only workspace was opened: its manifest
   * on disk changed and no commit is under way} Cheap (reads the small manifest file), so that a
   * server can poll it and {@link #reopen} to see new documents.
   */
  public boolean hasNewerCommit() {
    if (dir == null || mode != OpenMode.READ_ONLY) {
      return false;
    }
    byte[] now = ManifestFile.readRaw(dir);
    if (now == null || java.util.Arrays.equals(now, openedManifest)) {
      return false;
    }
    try {
      CommitCoverage latest = ManifestFile.load(dir).coverage();
      return latest == null || !latest.pending();
    } catch (InvalidWorkspaceException e) {
      return false; // being replaced right now, or damaged: the next poll or open will tell
    }
  }

  /**
   * Opens this workspace again, read-only, at its latest commit; this one stays open.
   *
   * @return a new read-only workspace; close it when done
   * @throws InvalidWorkspaceException as {@link #open} does
   * @throws IllegalStateException for an {@link #inMemory} workspace
   */
  public Workspace reopen() {
    if (dir == null) {
      throw new IllegalStateException("an in-memory workspace cannot be reopened");
    }
    return open(dir, factory, OpenMode.READ_ONLY);
  }

  /** {@return the workspace folder; empty for an {@link #inMemory} workspace} */
  public Optional<Path> directory() {
    return Optional.ofNullable(dir);
  }

  /** {@return how the workspace was opened} */
  public OpenMode mode() {
    return mode;
  }

  /** {@return the manifest as of the last commit} */
  public synchronized Manifest manifest() {
    return manifest;
  }

  /** {@return the stored documents} */
  public DocumentStore documents() {
    return store;
  }

  /** {@return the modalities with an index, in manifest order} */
  public List<Modality> modalities() {
    return manifest.modalities();
  }

  /**
   * {@return the index of one modality}
   *
   * @param modality the indexed modality
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

  /**
   * {@return the index of one modality, if the workspace has one}
   *
   * @param modality the modality
   */
  public Optional<VectorIndex> findIndex(Modality modality) {
    return Optional.ofNullable(indexes.get(modality));
  }

  /**
   * Looks up a stored document.
   *
   * @param id the document id
   * @return the document, if stored
   */
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
    if (dir == null) {
      indexes.values().forEach(VectorIndex::commit);
      store.commit();
      Map<String, Long> counts = new LinkedHashMap<>();
      manifest.modalities().forEach(m -> counts.put(m.name(), store.count(m)));
      manifest = manifest.withCounts(counts);
      return;
    }
    try {
      beginCommit();
      indexes.values().forEach(VectorIndex::commit);
      store.commit();
      Map<String, Long> counts = new LinkedHashMap<>();
      Map<String, CommitCoverage.VectorsCoverage> vectors = new LinkedHashMap<>();
      for (Map.Entry<Modality, VectorIndex> entry : indexes.entrySet()) {
        Modality modality = entry.getKey();
        counts.put(modality.name(), store.count(modality));
        String name = vectorsFileName(modality, manifest.indexType());
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
          vectors.put(
              name,
              new CommitCoverage.VectorsCoverage(
                  modality.name(), entry.getValue().size(), FileFingerprint.of(file)));
        }
      }
      Manifest updated = manifest.withCounts(counts);
      CommitCoverage committed =
          new CommitCoverage(((LogDocumentStore) store).coverage(), vectors, false);
      if (!updated.equals(manifest) || !committed.equals(coverage)) {
        ManifestFile.write(dir, updated, committed);
      }
      manifest = updated;
      coverage = committed;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot commit workspace " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The first step of a commit: records in the manifest that files are about to change, so that
   * if this process dies before the commit's manifest records them, the next open knows the
   * difference is a commit cut short, not damage.
   */
  synchronized void beginCommit() throws IOException {
    if (coverage != null && !coverage.pending()) {
      ManifestFile.write(dir, manifest, coverage.asPending());
      coverage = coverage.asPending();
    }
  }

  /** Closes indexes and store; changes not committed are lost. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(indexes, store, null);
    if (lockChannel != null) {
      unlock(dir, lockChannel);
    }
  }

  private static void unlock(Path dir, FileChannel lockChannel) {
    closeQuietly(Map.of(), null, lockChannel);
    LOCKED_HERE.remove(lockKey(dir));
  }
}
