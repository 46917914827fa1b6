package dev.crossmodal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the {@link VectorIndexProvider}s on the class path.
 *
 * <pre>{@code
 * VectorIndexFactory flat = VectorIndexes.factory("flat");
 * }</pre>
 */
public final class VectorIndexes {
  /** The index new workspaces get when several kinds are on the class path. */
  public static final String PREFERRED = "flat";

  private VectorIndexes() {}

  /**
   * {@return the factory of the provider named {@code name}}
   *
   * @param name a provider name, such as {@code flat}
   * @throws InvalidWorkspaceException if no provider of that name is on the class path
   */
  public static VectorIndexFactory factory(String name) {
    List<String> available = new ArrayList<>();
    for (VectorIndexProvider provider : ServiceLoader.load(VectorIndexProvider.class)) {
      if (provider.name().equals(name)) {
        return provider.factory();
      }
      available.add(provider.name());
    }
    throw new InvalidWorkspaceException("no vector index named '" + name + "' on the class path"
        + (name.equals(PREFERRED) ? " (add the crossmodal-index-flat artifact)" : "")
        + "; available: " + available);
  }

  /**
   * {@return the factory new workspaces use: {@value #PREFERRED} when it is on the class path, otherwise the
   * only provider there}
   *
   * @throws InvalidWorkspaceException if there is none, or several and none is {@value #PREFERRED}
   */
  public static VectorIndexFactory defaultFactory() {
    List<VectorIndexProvider> providers = new ArrayList<>();
    ServiceLoader.load(VectorIndexProvider.class).forEach(providers::add);
    for (VectorIndexProvider provider : providers) {
      if (provider.name().equals(PREFERRED)) {
        return provider.factory();
      }
    }
    if (providers.size() == 1) {
      return providers.get(0).factory();
    }
    throw new InvalidWorkspaceException(providers.isEmpty()
        ? "no vector index on the class path: add the crossmodal-index-flat artifact"
        : "several vector indexes on the class path ("
            + providers.stream().map(VectorIndexProvider::name).toList()
            + "): pass the factory of the one to use");
  }
}
