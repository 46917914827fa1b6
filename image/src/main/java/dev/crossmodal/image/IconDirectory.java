package dev.crossmodal.image;

import java.util.Arrays;

/**
 * The directory of an ICO or CUR file and the entry Pillow opens: for icons the largest (then the
 * deepest), for cursors the first unless a later one is larger both ways. The entry's size is read
 * from its own header (PNG or DIB), which is what decoding produces.
 *
 * @param cursor whether the file is a cursor (CUR) rather than an icon (ICO)
 * @param index the chosen entry, in file order
 * @param offset where the entry's data starts
 * @param length the entry's data length
 * @param png whether the entry is a PNG (else a DIB)
 * @param width the entry's columns
 * @param height the entry's rows
 */
record IconDirectory(
    boolean cursor, int index, int offset, int length, boolean png, int width, int height) {

  static boolean isIcon(byte[] b) {
    return b.length >= 6 && b[0] == 0 && b[1] == 0 && (b[2] == 1 || b[2] == 2) && b[3] == 0
        && u16(b, 4) > 0;
  }

  /** The chosen entry, or {@code null} if the directory or the entry is cut short. */
  static IconDirectory parse(byte[] b) {
    boolean cursor = b[2] == 2;
    int count = u16(b, 4);
    if (6 + 16L * count > b.length) {
      return null;
    }
    int chosen = 0;
    for (int i = 1; i < count; i++) {
      int at = 6 + 16 * i;
      int best = 6 + 16 * chosen;
      if (cursor) {
        if ((b[at] & 0xff) > (b[best] & 0xff) && (b[at + 1] & 0xff) > (b[best + 1] & 0xff)) {
          chosen = i;
        }
      } else {
        long area = (long) dim(b[at]) * dim(b[at + 1]);
        long bestArea = (long) dim(b[best]) * dim(b[best + 1]);
        // Pillow sorts by depth, then area, both ascending, and reverses: on a tie the later entry.
        if (area > bestArea || (area == bestArea && u16(b, at + 6) >= u16(b, best + 6))) {
          chosen = i;
        }
      }
    }
    int at = 6 + 16 * chosen;
    long length = u32(b, at + 8);
    long offset = u32(b, at + 12);
    if (offset + Math.min(length, 26) > b.length || length < 12) {
      return null;
    }
    int o = (int) offset;
    boolean png = PngHeader.isPng(Arrays.copyOfRange(b, o, Math.min(b.length, o + 8)));
    int width;
    int height;
    if (png) {
      width = (int) u32be(b, o + 16);
      height = (int) u32be(b, o + 20);
    } else {
      width = (int) u32(b, o + 4);
      height = (int) (u32(b, o + 8) / 2);
    }
    return new IconDirectory(
        cursor, chosen, o, (int) Math.min(length, b.length - offset), png, width, height);
  }

  private static int dim(byte value) {
    int v = value & 0xff;
    return v == 0 ? 256 : v;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xffL) | ((b[at + 1] & 0xffL) << 8) | ((b[at + 2] & 0xffL) << 16)
        | ((b[at + 3] & 0xffL) << 24);
  }

  private static long u32be(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8)
        | (b[at + 3] & 0xffL);
  }
}
