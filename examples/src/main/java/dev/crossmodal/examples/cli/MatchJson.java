package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.pipeline.Match;

/** The CLI's JSON form of a match: id, modality, cosine score, and the image path or caption. */
final class MatchJson {
  private MatchJson() {}

  static ObjectNode of(Match match) {
    return of(match, null);
  }

  /**
   * With a calibration, a match of the other modality than the query also gets {@code
   * "calibrated": {"name": ..., "value": ...}} (SigLIP's sigmoid probability).
   */
  static ObjectNode of(Match match, dev.crossmodal.core.ScoreCalibration calibration) {
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
      node.put("uri", d.image() instanceof ImageSource.FileImage f ? f.path().toString() : d.image().toString());
    } else {
      node.put("text", d.text());
    }
    d.tag(Document.TAG_IMAGE_ID).ifPresent(id -> node.put("image_id", id));
    return node;
  }
}
