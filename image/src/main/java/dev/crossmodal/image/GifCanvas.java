package dev.crossmodal.image;

import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Node;

/**
 * Pillow opens a GIF at its logical screen size, with the first frame placed at its offset on a
 * canvas of the frame's transparent index (or index 0); the JDK's reader returns the frame alone.
 */
final class GifCanvas {
  private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

  private GifCanvas() {}

  /** The logical screen's width and height, from the header. */
  static int[] screenSize(byte[] b) {
    if (b.length < 10) {
      return new int[] {0, 0};
    }
    return new int[] {(b[6] & 0xff) | ((b[7] & 0xff) << 8), (b[8] & 0xff) | ((b[9] & 0xff) << 8)};
  }

  /** The first frame on Pillow's canvas; the frame itself if it already fills the screen. */
  static DecodedImage place(DecodedImage frame, byte[] bytes, ImageReader reader)
      throws IOException {
    int[] screen = screenSize(bytes);
    IIOMetadata metadata = reader.getImageMetadata(0);
    Node root = metadata.getAsTree(IMAGE_FORMAT);
    int left = 0;
    int top = 0;
    int transparent = -1;
    for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node.getNodeName().equals("ImageDescriptor")) {
        left = intAttribute(node, "imageLeftPosition");
        top = intAttribute(node, "imageTopPosition");
      } else if (node.getNodeName().equals("GraphicControlExtension")
          && "TRUE".equalsIgnoreCase(attribute(node, "transparentColorFlag"))) {
        transparent = intAttribute(node, "transparentColorIndex");
      }
    }
    int width = Math.max(screen[0], left + frame.width());
    int height = Math.max(screen[1], top + frame.height());
    if (left == 0 && top == 0 && width == frame.width() && height == frame.height()) {
      return frame;
    }
    int channels = frame.mode().channels();
    byte[] canvas = new byte[width * height * channels];
    if (transparent > 0 && frame.mode() == PilMode.P) {
      java.util.Arrays.fill(canvas, (byte) transparent);
    }
    for (int y = 0; y < frame.height(); y++) {
      System.arraycopy(frame.pixels(), y * frame.width() * channels, canvas,
          ((top + y) * width + left) * channels, frame.width() * channels);
    }
    return new DecodedImage(frame.mode(), width, height, canvas, null, frame.palette());
  }

  private static String attribute(Node node, String name) {
    Node value = node.getAttributes().getNamedItem(name);
    return value == null ? null : value.getNodeValue();
  }

  private static int intAttribute(Node node, String name) {
    String value = attribute(node, name);
    return value == null ? 0 : Integer.parseInt(value);
  }
}
