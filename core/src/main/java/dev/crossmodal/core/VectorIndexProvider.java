package dev.crossmodal.core;

/**
 * A named kind of vector index, found through {@link java.util.ServiceLoader}: a workspace records
 * the name in its manifest and reopens its indexes with the provider of that name, so that {@code
 * Workspace.open(dir)} needs no index argument and an index implementation is a plug-in.
 *
 * <p>To add an implementation, put a class with a public no-argument constructor in {@code
 * META-INF/services/dev.crossmodal.core.VectorIndexProvider} and check it with {@code
 * dev.crossmodal.testing.VectorIndexContract} from the {@code crossmodal-test-support} artifact:
 *
 * <pre>{@code
 * public final class MyIndexProvider implements VectorIndexProvider {
 *   public String name() { return "my-index"; }
 *   public VectorIndexFactory factory() { return new MyIndexFactory(); }
 * }
 * }</pre>
 */
public interface VectorIndexProvider {

  /**
   * {@return the name recorded in workspace manifests, such as {@code flat}; the factory reports
   * the same}
   */
  String name();

  /** {@return a factory that opens or creates indexes of this kind with default settings} */
  VectorIndexFactory factory();
}
