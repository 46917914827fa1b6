package dev.crossmodal.index.solr;

import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.VectorIndexProvider;

/**
 * Registers the SolrCloud index under the name {@code solr}. Its factory reopens the indexes of
 * existing workspaces from their pointer files; new Solr workspaces need a configured factory,
 * {@link SolrIndexFactory#create(SolrIndexConfig)}.
 */
public final class SolrIndexProvider implements VectorIndexProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public SolrIndexProvider() {}

  @Override
  public String name() {
    return SolrIndexFactory.NAME;
  }

  @Override
  public VectorIndexFactory factory() {
    return SolrIndexFactory.fromPointerFiles();
  }
}
