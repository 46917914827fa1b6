package dev.crossmodal.core;

import java.util.Set;

/**
 * Restricts a search to some document ids. An in-process index tests it during the scan; a remote
 * index turns the id sets of {@link #only} and {@link #except} into its own filter query (they are
 * the records {@link Only} and {@link Except}), and evaluates any other filter after fetching more
 * candidates.
 *
 * <pre>{@code
 * index.search(query, 10, IdFilter.except(Set.of(queryImageId)));
 * }</pre>
 */
@FunctionalInterface
public interface IdFilter {
  /** Accepts every id. */
  IdFilter ALL = id -> true;

  /**
   * {@return whether a document with this id may be returned}
   *
   * @param id a document id
   */
  boolean accept(String id);

  /**
   * Accepts only the given ids.
   *
   * @param ids the ids that may be returned
   * @return a filter accepting exactly {@code ids}
   */
  static IdFilter only(Set<String> ids) {
    return new Only(Set.copyOf(ids));
  }

  /**
   * Accepts every id but the given ones.
   *
   * @param ids the ids that must not be returned
   * @return a filter refusing exactly {@code ids}
   */
  static IdFilter except(Set<String> ids) {
    return new Except(Set.copyOf(ids));
  }

  /**
   * The filter of {@link #only}: exactly these ids.
   *
   * @param ids the accepted ids
   */
  record Only(Set<String> ids) implements IdFilter {
    /** Copies the ids, so later changes to the caller's set do not change the filter. */
    public Only {
      ids = Set.copyOf(ids);
    }

    @Override
    public boolean accept(String id) {
      return ids.contains(id);
    }
  }

  /**
   * The filter of {@link #except}: every id but these.
   *
   * @param ids the rejected ids
   */
  record Except(Set<String> ids) implements IdFilter {
    /** Copies the ids, so later changes to the caller's set do not change the filter. */
    public Except {
      ids = Set.copyOf(ids);
    }

    @Override
    public boolean accept(String id) {
      return !ids.contains(id);
    }
  }
}
