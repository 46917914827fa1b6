package dev.crossmodal.spark;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.pipeline.ImageFirstEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
    List<Document> window = new ArrayList<>();
    Map<String, Integer> captionCounts = new HashMap<>();
    // Failed captions come back as SkippedItems naming them; their rows are written from these.
    Map<String, Document> captionsByDescription = new HashMap<>();
    while (entries.hasNext()) {
      ListedEntry entry = entries.next();
      Document image = entry.image().toDocument();
      images.add(image);
      captionCounts.put(image.id(), entry.captions().size());
      window.add(image);
      // Captions carry their image's id tag (DatasetEntry's contract), which the step goes by.
      for (ListedEntry.Item item : entry.captions()) {
        Document caption = item.toDocument();
        window.add(caption);
        captionsByDescription.put(caption.describe(), caption);
      }
    }
    CrossModalModel model = ExecutorModels.get(spec);
    // Rows in the order the job has always written them: encoded images, the images that could not
    // be encoded, then the captions of the encoded ones.
    List<Row> imageRows = new ArrayList<>();
    List<Row> captionRows = new ArrayList<>();
    Set<String> encodedImages = new HashSet<>();
    List<SkippedItem> skipped = new ArrayList<>();
    try (ImageFirstEncoding encoding =
        ImageFirstEncoding.builder(model).batchSize(batchSize).prepareThreads(1).build()) {
      encoding.encode(
          window,
          skipped,
          (modality, docs, vectors, bad) -> {
            boolean isImage = modality.equals(Modality.IMAGE);
            for (int i = 0; i < docs.size(); i++) {
              if (isImage) {
                encodedImages.add(docs.get(i).id());
              }
              (isImage ? imageRows : captionRows).add(encoded(docs.get(i), vectors[i]));
            }
            if (!isImage) {
              for (SkippedItem s : bad) {
                Document caption = captionsByDescription.get(s.item());
                captionRows.add(caption != null ? skipped(caption, s.reason()) : skippedItem(s));
              }
            }
          });
    }
    Map<String, SkippedItem> failures = new HashMap<>();
    skipped.forEach(s -> failures.putIfAbsent(s.item(), s));
    for (Document image : images) {
      if (!encodedImages.contains(image.id())) {
        // The step amends a failed image's reason with its captions; an image neither encoded nor
        // reported (never seen) still says what happened to its captions.
        SkippedItem failure = failures.get(image.describe());
        int captions = captionCounts.get(image.id());
        String reason = failure != null
            ? failure.reason()
            : "could not be encoded" + (captions == 0 ? "" : ImageFirstEncoding.captionsSkipped(captions));
        imageRows.add(skipped(image, reason));
      }
    }
    List<Row> rows = new ArrayList<>(imageRows.size() + captionRows.size());
    rows.addAll(imageRows);
    rows.addAll(captionRows);
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
