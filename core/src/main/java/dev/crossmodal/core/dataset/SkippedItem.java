package dev.crossmodal.core.dataset;

/**
 * An input item left out of a job, and why.
 *
 * @param item what a user would recognise: a file path, a caption row, an id
 * @param reason the problem, in words
 */
public record SkippedItem(String item, String reason) {}
