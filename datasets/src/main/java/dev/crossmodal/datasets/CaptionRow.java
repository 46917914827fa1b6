package dev.crossmodal.datasets;

/**
 * One caption as a captions file gives it, before its image is looked at.
 *
 * @param caption the caption text as written (possibly blank: reported, not indexed)
 * @param location where it was read, for messages: {@code captions.txt:12}
 */
record CaptionRow(String caption, String location) {}
