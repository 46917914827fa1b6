package dev.crossmodal.core;

import java.util.Set;

/**
 * Restricts a search to some document ids. A remote index may evaluate it after fetching more
 * candidates; an in-process one tests it during the scan.
 */
@FunctionalInterface
public interface IdFilter {
  /** Accepts every id. */
  IdFilter ALL = id -> true;

  /** Whether the document of this id may be returned. */
  boolean accept(String id);

  /** Accepts only the given ids. */
  static IdFilter only(Set<String> ids) {
    Set<String> copy = Set.copyOf(ids);
    return copy::contains;
  }

  /** Accepts every id but the given ones. */
  static IdFilter except(Set<String> ids) {
    Set<String> copy = Set.copyOf(ids);
    return id -> !copy.contains(id);
  }
}
