package dev.crossmodal.image;

/**
 * libjpeg's YCCK to CMYK conversion ({@code jdcolor.c}): the inverse YCbCr transform of the first
 * three components with 16-bit fixed-point tables, each result subtracted from 255; K passes
 * through. Reproduced here because the JDK hands out YCCK rasters unconverted.
 */
final class YcckConversion {
  private static final int SCALE_BITS = 16;
  private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
  private static final int[] CR_R = new int[256];
  private static final int[] CB_B = new int[256];
  private static final int[] CR_G = new int[256];
  private static final int[] CB_G = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int x = i - 128;
      CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
      CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
      CR_G[i] = -fix(0.71414) * x;
      CB_G[i] = -fix(0.34414) * x + ONE_HALF;
    }
  }

  private YcckConversion() {}

  private static int fix(double v) {
    return (int) (v * (1L << SCALE_BITS) + 0.5);
  }

  /** Converts interleaved Y, Cb, Cr, K samples in place to C, M, Y, K. */
  static void toCmyk(byte[] ycck) {
    for (int i = 0; i < ycck.length; i += 4) {
      int y = ycck[i] & 0xff;
      int cb = ycck[i + 1] & 0xff;
      int cr = ycck[i + 2] & 0xff;
      ycck[i] = (byte) clamp(255 - (y + CR_R[cr]));
      ycck[i + 1] = (byte) clamp(255 - (y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS)));
      ycck[i + 2] = (byte) clamp(255 - (y + CB_B[cb]));
    }
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }
}
