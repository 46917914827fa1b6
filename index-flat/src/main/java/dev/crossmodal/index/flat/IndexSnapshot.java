package dev.crossmodal.index.flat;

import java.util.ArrayList;
import java.util.List;

/**
 * What one search sees: the write buffer's snapshot and the segments with their deletes, all as
 * of one published version.
 */
record IndexSnapshot(Snapshot buffer, SegmentView[] segments, int version, long live) {
  /** Every live id: the segments' in order, then the buffer's. */
  List<String> liveIds() {
    List<String> ids = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, live));
    for (SegmentView view : segments) {
      for (int slot = 0; slot < view.segment().count; slot++) {
        if (view.isLive(slot, version)) {
          ids.add(view.segment().id(slot));
        }
      }
    }
    ids.addAll(buffer.liveIds());
    return ids;
  }
}
