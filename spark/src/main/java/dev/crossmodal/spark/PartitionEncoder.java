package dev.crossmodal.spark;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.pipeline.EncodingPipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Encodes one partition of listed entries with the executor's model: images first, in batches,
 * then the captions of the images that could be encoded (texts in larger batches, as the indexer
 * hands them over so that encoders can group them by length). Emits one {@link #OUTPUT} row per
 * document: encoded ones with their vector, skipped ones with the reason.
 */
final class PartitionEncoder implements MapPartitionsFunction<ListedEntry, Row> {
  private static final long serialVersionUID = 1L;
  /** Texts are handed to the text encoder this many batches at a time (as the Indexer does). */
  private static final int TEXT_BATCH_FACTOR = 8;

  /** {@link VectorTable#SCHEMA} with a nullable vector and the reason a document was skipped. */
  static final org.apache.spark.sql.types.StructType OUTPUT =
      new org.apache.spark.sql.types.StructType(
              java.util.Arrays.stream(VectorTable.SCHEMA.fields())
                  .map(f -> f.name().equals("vector")
                      ? new org.apache.spark.sql.types.StructField(f.name(), f.dataType(), true, f.metadata())
                      : f)
                  .toArray(org.apache.spark.sql.types.StructField[]::new))
          .add("skipped_item", org.apache.spark.sql.types.DataTypes.StringType, true)
          .add("skipped_reason", org.apache.spark.sql.types.DataTypes.StringType, true);

  private final ModelSpecData spec;
  private final int batchSize;

  PartitionEncoder(ModelSpecData spec, int batchSize) {
    this.spec = spec;
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<Row> call(Iterator<ListedEntry> entries) {
    List<Document> images = new ArrayList<>();
    Map<String, List<Document>> captionsByImage = new LinkedHashMap<>();
    while (entries.hasNext()) {
      ListedEntry entry = entries.next();
      Document image = entry.image().toDocument();
      images.add(image);
      captionsByImage.put(image.id(), entry.captions().stream().map(ListedEntry.Item::toDocument).toList());
    }
    CrossModalModel model = ExecutorModels.get(spec);
    List<Row> rows = new ArrayList<>();
    Set<String> encodedImages = new HashSet<>();
    Map<String, SkippedItem> failedImages = new LinkedHashMap<>();
    try (EncodingPipeline pipeline = EncodingPipeline.builder().batchSize(batchSize).prepareThreads(1).build()) {
      pipeline.run(
          model.encoder(Modality.IMAGE),
          images.iterator(),
          (docs, vectors, bad) -> {
            for (int i = 0; i < docs.size(); i++) {
              encodedImages.add(docs.get(i).id());
              rows.add(encoded(docs.get(i), vectors[i]));
            }
            bad.forEach(s -> failedImages.put(s.item(), s));
          });
    }
    List<Document> captions = new ArrayList<>();
    for (Document image : images) {
      List<Document> ofImage = captionsByImage.get(image.id());
      if (encodedImages.contains(image.id())) {
        captions.addAll(ofImage);
        continue;
      }
      SkippedItem failure = failedImages.get(image.describe());
      String reason = failure == null ? "could not be encoded" : failure.reason();
      if (!ofImage.isEmpty()) {
        int n = ofImage.size();
        reason += "; its " + n + (n == 1 ? " caption is" : " captions are") + " skipped";
      }
      rows.add(skipped(image, reason));
    }
    try (EncodingPipeline pipeline =
        EncodingPipeline.builder().batchSize(batchSize * TEXT_BATCH_FACTOR).prepareThreads(1).build()) {
      Map<String, Document> byDescription = new LinkedHashMap<>();
      captions.forEach(c -> byDescription.put(c.describe(), c));
      pipeline.run(
          model.encoder(Modality.TEXT),
          captions.iterator(),
          (docs, vectors, bad) -> {
            for (int i = 0; i < docs.size(); i++) {
              rows.add(encoded(docs.get(i), vectors[i]));
            }
            for (SkippedItem s : bad) {
              Document caption = byDescription.get(s.item());
              rows.add(caption != null ? skipped(caption, s.reason()) : skippedItem(s));
            }
          });
    }
    return rows.iterator();
  }

  private static Row encoded(Document document, float[] vector) {
    return output(VectorTable.columns(document, vector), null, null);
  }

  private static Row skipped(Document document, String reason) {
    return output(VectorTable.columns(document, null), document.describe(), reason);
  }

  private static Row skippedItem(SkippedItem item) {
    Object[] columns = {item.item(), "text", null, "", scala.jdk.javaapi.CollectionConverters.asScala(Map.<String, String>of()), null};
    return output(columns, item.item(), item.reason());
  }

  /** A row of {@link #OUTPUT}: the table's columns, then what was skipped and why (or nulls). */
  private static Row output(Object[] columns, String skippedItem, String skippedReason) {
    Object[] values = java.util.Arrays.copyOf(columns, columns.length + 2);
    values[columns.length] = skippedItem;
    values[columns.length + 1] = skippedReason;
    return RowFactory.create(values);
  }
}
