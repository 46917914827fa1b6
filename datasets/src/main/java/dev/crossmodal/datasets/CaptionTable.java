package dev.crossmodal.datasets;

import dev.crossmodal.core.dataset.SkippedItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a captions file says, in the order it says it: each image (at its first mention) with all
 * its caption rows, and rows that could not be read at all. Every caption format (Kaggle CSV,
 * Flickr8k token file, Karpathy JSON) is parsed into this, and {@link CaptionedImages} turns it
 * into dataset entries the same way for all of them.
 */
final class CaptionTable {

  /** An image named by the captions file, with its rows in file order. */
  record ImageGroup(String name, Path file, String firstLocation, List<CaptionRow> rows) {}

  /** Either an {@link ImageGroup} or a {@link SkippedItem} for an unreadable row. */
  sealed interface Item permits GroupItem, ProblemItem {}

  record GroupItem(ImageGroup group) implements Item {}

  record ProblemItem(SkippedItem problem) implements Item {}

  private static final class MutableGroup {
    final String name;
    final Path file;
    final String firstLocation;
    final List<CaptionRow> rows = new ArrayList<>();

    MutableGroup(String name, Path file, String firstLocation) {
      this.name = name;
      this.file = file;
      this.firstLocation = firstLocation;
    }
  }

  private final List<Object> order = new ArrayList<>();
  private final Map<String, MutableGroup> groups = new LinkedHashMap<>();

  /**
   * Adds a caption row for the image {@code name}, stored at {@code file}. The image is created at
   * its first mention, and problems with it are reported at that row.
   */
  void addCaption(String name, Path file, CaptionRow row) {
    addCaption(name, file, row.location(), row);
  }

  /** As {@link #addCaption(String, Path, CaptionRow)}, with the image's own place in the file. */
  void addCaption(String name, Path file, String imageLocation, CaptionRow row) {
    group(name, file, imageLocation).rows.add(row);
  }

  /** Mentions an image without captions (a folder of images); later mentions change nothing. */
  void addImage(String name, Path file) {
    group(name, file, name);
  }

  private MutableGroup group(String name, Path file, String location) {
    MutableGroup group = groups.get(name);
    if (group == null) {
      group = new MutableGroup(name, file, location);
      groups.put(name, group);
      order.add(group);
    }
    return group;
  }

  void addProblem(SkippedItem problem) {
    order.add(problem);
  }

  List<Item> items() {
    List<Item> items = new ArrayList<>(order.size());
    for (Object o : order) {
      if (o instanceof MutableGroup g) {
        items.add(new GroupItem(new ImageGroup(g.name, g.file, g.firstLocation, g.rows)));
      } else {
        items.add(new ProblemItem((SkippedItem) o));
      }
    }
    return items;
  }
}
