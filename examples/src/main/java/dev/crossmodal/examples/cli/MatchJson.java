package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.Match;
import dev.crossmodal.examples.server.IndexedImages;

/**
 * The CLI's JSON form of a match: id, modality, cosine score, and the image path, file name and
 * up to {@value #CAPTIONS} captions, or the caption with its image's id and path.
 */
final class MatchJson {
  static final int CAPTIONS = 5;

  private MatchJson() {}

  static ObjectNode of(Match match, IndexedImages images) {
    return of(match, images, null);
  }

  /**
   * With a calibration, a match of the other modality than the query also gets {@code
   * "calibrated": {"name": ..., "value": ...}} (SigLIP's sigmoid probability).
   */
  static ObjectNode of(Match match, IndexedImages images, dev.crossmodal.core.ScoreCalibration calibration) {
    Document d = match.document();
    ObjectNode node = Json.object();
    node.put("id", d.id());
    node.put("modality", d.modality().name());
    node.put("score", match.score());
    if (calibration != null) {
      ObjectNode calibrated = node.putObject("calibrated");
      calibrated.put("name", calibration.name());
      calibrated.put("value", calibration.score(match.score()));
    }
    if (d.modality().contentKind() == Modality.ContentKind.IMAGE) {
      node.put("uri", location(d));
      node.put("file", IndexedImages.fileName(d));
      ArrayNode captions = node.putArray("captions");
      images.captions(d.id(), CAPTIONS).forEach(captions::add);
    } else {
      node.put("text", d.text());
    }
    IndexedImages.imageIdOf(d).ifPresent(id -> {
      node.put("image_id", id);
      images.image(id).ifPresent(image -> node.put("image_uri", location(image)));
    });
    return node;
  }

  private static String location(Document image) {
    return image.image() instanceof ImageSource.FileImage f ? f.path().toString() : image.image().toString();
  }
}
