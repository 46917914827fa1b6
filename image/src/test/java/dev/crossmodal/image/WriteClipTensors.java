package dev.crossmodal.image;

import dev.crossmodal.core.ImageSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes openai/CLIP's 224-pixel input tensor of each image file named on the command line as
 * {@code <file>.f32} (float32, little-endian, CHW): the Java half of {@code
 * tools/check_image_formats.py}, which compares them with Pillow's.
 */
final class WriteClipTensors {
  private WriteClipTensors() {}

  public static void main(String[] args) throws Exception {
    ImageTransform clip = ImageTransform.openAiClip();
    for (String name : args) {
      try {
        float[] data = clip.apply(ImageSource.of(Path.of(name))).data();
        ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        Files.write(Path.of(name + ".f32"), bytes.array());
      } catch (RuntimeException e) {
        System.err.println(name + ": " + e.getMessage());
      }
    }
  }
}
