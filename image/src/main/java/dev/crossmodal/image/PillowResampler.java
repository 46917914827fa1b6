package dev.crossmodal.image;

import java.util.Arrays;

/**
 * Pillow 9.4's {@code Image.resize}, reimplemented sample for sample: a separable convolution
 * (horizontal pass, then vertical) whose filter support widens by the scale factor when shrinking,
 * so that shrinking antialiases; 8-bit images use 22-bit fixed-point coefficients with rounding
 * and clip to 0..255 after each pass, 32-bit greyscale uses doubles. Mode rules follow Pillow:
 * palette and bilevel images always use nearest neighbour, and images with alpha are resized with
 * premultiplied alpha ("RGBa", "La") and converted back with Pillow's integer rounding.
 *
 * <p>Because every output sample depends only on its own filter window, a crop of the resized
 * image can be computed directly: {@link #resizeAndCrop} computes only the pixels inside the crop
 * window, and gives exactly what resizing everything and then cropping gives.
 *
 * <pre>{@code
 * DecodedImage small = PillowResampler.resize(image, 224, 298, ResampleFilter.BICUBIC);
 * }</pre>
 */
public final class PillowResampler {
  /** Fixed-point precision of 8-bit coefficients: 32 bits less 8 for the sample, 2 for overshoot. */
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private static final int HALF = 1 << (PRECISION_BITS - 1);

  private PillowResampler() {}

  /**
   * Resizes the whole image to {@code width x height}, as {@code image.resize((w, h), filter)}.
   *
   * @param image the image, in any mode
   * @param width the new width, in pixels
   * @param height the new height, in pixels
   * @param filter the resampling filter
   * @return the resized image, in the same mode
   */
  public static DecodedImage resize(
      DecodedImage image, int width, int height, ResampleFilter filter) {
    return resizeAndCrop(image, width, height, filter, 0, 0, width, height);
  }

  /**
   * Resizes to {@code width x height} and returns the window whose top-left corner is at ({@code
   * left}, {@code top}) and whose size is {@code cropWidth x cropHeight}; parts of the window
   * outside the resized image are zero, as Pillow's {@code crop} and torchvision's zero padding
   * leave them.
   *
   * @param image the image, in any mode
   * @param width the width after resizing, in pixels
   * @param height the height after resizing, in pixels
   * @param filter the resampling filter
   * @param left the window's left column in the resized image
   * @param top the window's top row in the resized image
   * @param cropWidth the window's width
   * @param cropHeight the window's height
   * @return the window, in the same mode
   */
  public static DecodedImage resizeAndCrop(
      DecodedImage image,
      int width,
      int height,
      ResampleFilter filter,
      int left,
      int top,
      int cropWidth,
      int cropHeight) {
    if (width <= 0 || height <= 0 || cropWidth <= 0 || cropHeight <= 0) {
      throw new IllegalArgumentException(
          "sizes must be positive: " + width + "x" + height + ", crop " + cropWidth + "x"
              + cropHeight);
    }
    Window window = new Window(width, height, left, top, cropWidth, cropHeight);
    PilMode mode = image.mode();
    boolean sameSize = image.width() == width && image.height() == height;
    if (mode == PilMode.I) {
      int[] out =
          sameSize
              ? cropInts(image.wide(), image.width(), window)
              : filter == ResampleFilter.NEAREST
                  ? nearestInts(image.wide(), image.width(), image.height(), window)
                  : resampleInts(image.wide(), image.width(), image.height(), filter, window);
      return DecodedImage.wide(cropWidth, cropHeight, out);
    }
    int channels = mode.channels();
    byte[] out;
    if (sameSize) {
      out = cropBytes(image.pixels(), image.width(), channels, window);
    } else if (filter == ResampleFilter.NEAREST || mode == PilMode.P || mode == PilMode.BILEVEL) {
      out = nearestBytes(image.pixels(), image.width(), image.height(), channels, window);
    } else if (mode == PilMode.RGBA || mode == PilMode.LA) {
      byte[] premultiplied = AlphaPremultiplication.premultiply(image.pixels(), channels);
      out = resampleBytes(
          premultiplied, image.width(), image.height(), channels, filter, window);
      AlphaPremultiplication.unpremultiplyInPlace(out, channels);
    } else {
      out = resampleBytes(image.pixels(), image.width(), image.height(), channels, filter, window);
    }
    return new DecodedImage(mode, cropWidth, cropHeight, out, null, image.palette());
  }

  /** The requested crop of a {@code width x height} result, and the part of it inside. */
  private record Window(int width, int height, int left, int top, int cropWidth, int cropHeight) {
    int col0() {
      return Math.max(left, 0);
    }

    int col1() {
      return Math.min(left + cropWidth, width);
    }

    int row0() {
      return Math.max(top, 0);
    }

    int row1() {
      return Math.min(top + cropHeight, height);
    }

    boolean empty() {
      return col0() >= col1() || row0() >= row1();
    }
  }

  /** Pillow's {@code precompute_coeffs} for one axis. */
  private static final class Coefficients {
    final int[] start;
    final int[] count;
    final double[] weights;
    final int stride;

    Coefficients(int inSize, int outSize, ResampleFilter filter) {
      double support0 = filter == ResampleFilter.BICUBIC ? 2.0 : 1.0;
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = support0 * filterScale;
      stride = (int) Math.ceil(support) * 2 + 1;
      start = new int[outSize];
      count = new int[outSize];
      weights = new double[outSize * stride];
      double inverse = 1.0 / filterScale;
      for (int xx = 0; xx < outSize; xx++) {
        double center = (xx + 0.5) * scale;
        int min = (int) (center - support + 0.5);
        if (min < 0) {
          min = 0;
        }
        int max = (int) (center + support + 0.5);
        if (max > inSize) {
          max = inSize;
        }
        max -= min;
        int base = xx * stride;
        double sum = 0.0;
        for (int x = 0; x < max; x++) {
          double w = kernel(filter, (x + min - center + 0.5) * inverse);
          weights[base + x] = w;
          sum += w;
        }
        if (sum != 0.0) {
          for (int x = 0; x < max; x++) {
            weights[base + x] /= sum;
          }
        }
        start[xx] = min;
        count[xx] = max;
      }
    }

    int[] fixedPoint() {
      int[] fixed = new int[weights.length];
      double one = 1 << PRECISION_BITS;
      for (int i = 0; i < weights.length; i++) {
        double w = weights[i];
        fixed[i] = w < 0 ? (int) (-0.5 + w * one) : (int) (0.5 + w * one);
      }
      return fixed;
    }

    private static double kernel(ResampleFilter filter, double x) {
      if (x < 0.0) {
        x = -x;
      }
      if (filter == ResampleFilter.BICUBIC) {
        final double a = -0.5;
        if (x < 1.0) {
          return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
          return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
      }
      return x < 1.0 ? 1.0 - x : 0.0;
    }
  }

  private static byte[] resampleBytes(
      byte[] src, int inW, int inH, int ch, ResampleFilter filter, Window win) {
    byte[] out = new byte[win.cropWidth() * win.cropHeight() * ch];
    if (win.empty()) {
      return out;
    }
    int c0 = win.col0();
    int c1 = win.col1();
    int r0 = win.row0();
    int r1 = win.row1();
    boolean horizontal = win.width() != inW;
    boolean vertical = win.height() != inH;
    Coefficients vc = vertical ? new Coefficients(inH, win.height(), filter) : null;
    int yFirst = vertical ? vc.start[r0] : r0;
    int yLast = vertical ? vc.start[r1 - 1] + vc.count[r1 - 1] : r1;
    int cols = c1 - c0;
    int rowLen = cols * ch;
    int rows = yLast - yFirst;

    byte[] temp = new byte[rows * rowLen];
    if (horizontal) {
      Coefficients hc = new Coefficients(inW, win.width(), filter);
      int[] k = hc.fixedPoint();
      int inRow = inW * ch;
      for (int y = 0; y < rows; y++) {
        int srcRow = (y + yFirst) * inRow;
        int dst = y * rowLen;
        if (ch == 3) {
          horizontalRgb(src, srcRow, hc, k, c0, c1, temp, dst);
          continue;
        }
        for (int xx = c0; xx < c1; xx++) {
          int kBase = xx * hc.stride;
          int n = hc.count[xx];
          int s0 = srcRow + hc.start[xx] * ch;
          for (int c = 0; c < ch; c++) {
            int ss = HALF;
            for (int t = 0, s = s0 + c; t < n; t++, s += ch) {
              ss += (src[s] & 0xff) * k[kBase + t];
            }
            temp[dst++] = clip8(ss);
          }
        }
      }
    } else {
      for (int y = 0; y < rows; y++) {
        System.arraycopy(src, ((y + yFirst) * inW + c0) * ch, temp, y * rowLen, rowLen);
      }
    }

    int outRow = win.cropWidth() * ch;
    int outCol = (c0 - win.left()) * ch;
    if (vertical) {
      int[] k = vc.fixedPoint();
      int[] acc = new int[rowLen];
      for (int yy = r0; yy < r1; yy++) {
        Arrays.fill(acc, HALF);
        int kBase = yy * vc.stride;
        int first = vc.start[yy] - yFirst;
        for (int t = 0, n = vc.count[yy]; t < n; t++) {
          int weight = k[kBase + t];
          int srcRow = (first + t) * rowLen;
          for (int i = 0; i < rowLen; i++) {
            acc[i] += (temp[srcRow + i] & 0xff) * weight;
          }
        }
        int dst = (yy - win.top()) * outRow + outCol;
        for (int i = 0; i < rowLen; i++) {
          out[dst + i] = clip8(acc[i]);
        }
      }
    } else {
      for (int yy = r0; yy < r1; yy++) {
        System.arraycopy(
            temp, (yy - yFirst) * rowLen, out, (yy - win.top()) * outRow + outCol, rowLen);
      }
    }
    return out;
  }

  /** The horizontal pass for RGB rows, the hot path: three accumulators share each tap. */
  private static void horizontalRgb(
      byte[] src, int srcRow, Coefficients hc, int[] k, int c0, int c1, byte[] temp, int dst) {
    for (int xx = c0; xx < c1; xx++) {
      int kBase = xx * hc.stride;
      int n = hc.count[xx];
      int s = srcRow + hc.start[xx] * 3;
      int r = HALF;
      int g = HALF;
      int b = HALF;
      for (int t = 0; t < n; t++, s += 3) {
        int w = k[kBase + t];
        r += (src[s] & 0xff) * w;
        g += (src[s + 1] & 0xff) * w;
        b += (src[s + 2] & 0xff) * w;
      }
      temp[dst++] = clip8(r);
      temp[dst++] = clip8(g);
      temp[dst++] = clip8(b);
    }
  }

  private static byte clip8(int ss) {
    int v = ss >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : (v > 255 ? 255 : v));
  }

  private static int[] resampleInts(
      int[] src, int inW, int inH, ResampleFilter filter, Window win) {
    int[] out = new int[win.cropWidth() * win.cropHeight()];
    if (win.empty()) {
      return out;
    }
    int c0 = win.col0();
    int c1 = win.col1();
    int r0 = win.row0();
    int r1 = win.row1();
    boolean horizontal = win.width() != inW;
    boolean vertical = win.height() != inH;
    Coefficients vc = vertical ? new Coefficients(inH, win.height(), filter) : null;
    int yFirst = vertical ? vc.start[r0] : r0;
    int yLast = vertical ? vc.start[r1 - 1] + vc.count[r1 - 1] : r1;
    int cols = c1 - c0;
    int rows = yLast - yFirst;
    int[] temp = new int[rows * cols];
    if (horizontal) {
      Coefficients hc = new Coefficients(inW, win.width(), filter);
      for (int y = 0; y < rows; y++) {
        int srcRow = (y + yFirst) * inW;
        for (int xx = c0; xx < c1; xx++) {
          int kBase = xx * hc.stride;
          int s0 = srcRow + hc.start[xx];
          double ss = 0.0;
          for (int t = 0, n = hc.count[xx]; t < n; t++) {
            ss += src[s0 + t] * hc.weights[kBase + t];
          }
          temp[y * cols + xx - c0] = roundUp(ss);
        }
      }
    } else {
      for (int y = 0; y < rows; y++) {
        System.arraycopy(src, (y + yFirst) * inW + c0, temp, y * cols, cols);
      }
    }
    for (int yy = r0; yy < r1; yy++) {
      int dst = (yy - win.top()) * win.cropWidth() + (c0 - win.left());
      if (!vertical) {
        System.arraycopy(temp, (yy - yFirst) * cols, out, dst, cols);
        continue;
      }
      int kBase = yy * vc.stride;
      int first = vc.start[yy] - yFirst;
      for (int x = 0; x < cols; x++) {
        double ss = 0.0;
        for (int t = 0, n = vc.count[yy]; t < n; t++) {
          ss += temp[(first + t) * cols + x] * vc.weights[kBase + t];
        }
        out[dst + x] = roundUp(ss);
      }
    }
    return out;
  }

  private static int roundUp(double ss) {
    return (int) (ss >= 0.0 ? ss + 0.5f : ss - 0.5f);
  }

  /**
   * Pillow's nearest neighbour ({@code ImagingScaleAffine}): source positions accumulate the
   * scale step in doubles from the first pixel centre, and positions past the edge stay zero.
   */
  private static int[] nearestIndex(int inSize, int outSize) {
    int[] index = new int[outSize];
    double step = (double) inSize / outSize;
    double pos = step * 0.5;
    for (int i = 0; i < outSize; i++) {
      int v = pos < 0.0 ? -1 : (int) pos;
      index[i] = v < inSize ? v : -1;
      pos += step;
    }
    return index;
  }

  private static byte[] nearestBytes(byte[] src, int inW, int inH, int ch, Window win) {
    byte[] out = new byte[win.cropWidth() * win.cropHeight() * ch];
    int[] xs = nearestIndex(inW, win.width());
    int[] ys = nearestIndex(inH, win.height());
    for (int yy = win.row0(); yy < win.row1(); yy++) {
      int sy = ys[yy];
      if (sy < 0) {
        continue;
      }
      int dst = ((yy - win.top()) * win.cropWidth() + (win.col0() - win.left())) * ch;
      for (int xx = win.col0(); xx < win.col1(); xx++, dst += ch) {
        int sx = xs[xx];
        if (sx >= 0) {
          System.arraycopy(src, (sy * inW + sx) * ch, out, dst, ch);
        }
      }
    }
    return out;
  }

  private static int[] nearestInts(int[] src, int inW, int inH, Window win) {
    int[] out = new int[win.cropWidth() * win.cropHeight()];
    int[] xs = nearestIndex(inW, win.width());
    int[] ys = nearestIndex(inH, win.height());
    for (int yy = win.row0(); yy < win.row1(); yy++) {
      int sy = ys[yy];
      if (sy < 0) {
        continue;
      }
      int dst = (yy - win.top()) * win.cropWidth() + (win.col0() - win.left());
      for (int xx = win.col0(); xx < win.col1(); xx++, dst++) {
        int sx = xs[xx];
        if (sx >= 0) {
          out[dst] = src[sy * inW + sx];
        }
      }
    }
    return out;
  }

  private static byte[] cropBytes(byte[] src, int inW, int ch, Window win) {
    byte[] out = new byte[win.cropWidth() * win.cropHeight() * ch];
    if (win.empty()) {
      return out;
    }
    int len = (win.col1() - win.col0()) * ch;
    for (int yy = win.row0(); yy < win.row1(); yy++) {
      System.arraycopy(
          src,
          (yy * inW + win.col0()) * ch,
          out,
          ((yy - win.top()) * win.cropWidth() + (win.col0() - win.left())) * ch,
          len);
    }
    return out;
  }

  private static int[] cropInts(int[] src, int inW, Window win) {
    int[] out = new int[win.cropWidth() * win.cropHeight()];
    if (win.empty()) {
      return out;
    }
    int len = win.col1() - win.col0();
    for (int yy = win.row0(); yy < win.row1(); yy++) {
      System.arraycopy(
          src,
          yy * inW + win.col0(),
          out,
          (yy - win.top()) * win.cropWidth() + (win.col0() - win.left()),
          len);
    }
    return out;
  }
}
