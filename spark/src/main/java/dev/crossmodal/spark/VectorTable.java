package dev.crossmodal.spark;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet layout of encoded documents, one row per document:
 *
 * <table>
 *   <caption>columns</caption>
 *   <tr><td>{@code id}</td><td>string</td><td>the document id, as {@code index} gives it</td></tr>
 *   <tr><td>{@code modality}</td><td>string</td><td>{@code image} or {@code text}</td></tr>
 *   <tr><td>{@code uri}</td><td>string</td><td>an image's location ({@code file:} URI), else null</td></tr>
 *   <tr><td>{@code text}</td><td>string</td><td>a caption, else null</td></tr>
 *   <tr><td>{@code tags}</td><td>map&lt;string,string&gt;</td><td>such as {@code image_id} of a caption</td></tr>
 *   <tr><td>{@code vector}</td><td>array&lt;float&gt;</td><td>the unit-length embedding</td></tr>
 * </table>
 */
public final class VectorTable {
  /** The schema of the Parquet files. */
  public static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType, false)
          .add("modality", DataTypes.StringType, false)
          .add("uri", DataTypes.StringType, true)
          .add("text", DataTypes.StringType, true)
          .add("tags", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), false)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private VectorTable() {}

  /**
   * {@return the row of one encoded document}
   *
   * @param document the document
   * @param vector its vector
   */
  public static Row toRow(Document document, float[] vector) {
    return RowFactory.create(columns(document, vector));
  }

  /** The column values of {@link #SCHEMA}, in order, for one document and its vector. */
  static Object[] columns(Document document, float[] vector) {
    boolean image = document.modality().contentKind() == Modality.ContentKind.IMAGE;
    return new Object[] {
      document.id(),
      document.modality().name(),
      image ? uriOf(document.image()) : null,
      image ? null : document.text(),
      scala.jdk.javaapi.CollectionConverters.asScala(document.tags()),
      vector
    };
  }

  /**
   * {@return the document a row describes}
   *
   * @param row a row of the vector table
   */
  public static Document toDocument(Row row) {
    String id = row.getString(0);
    String modality = row.getString(1);
    Map<String, String> tags = row.getJavaMap(4);
    return document(id, modality, row.isNullAt(2) ? null : row.getString(2), row.getString(3), tags);
  }

  /** A document from the column values ({@code uri} for images, else {@code text}). */
  static Document document(String id, String modality, String uri, String text, Map<String, String> tags) {
    Document document =
        uri != null
            ? Document.image(id, Modality.of(modality, Modality.ContentKind.IMAGE), ImageSource.of(URI.create(uri)))
            : Document.text(id, Modality.of(modality, Modality.ContentKind.TEXT), text);
    return tags.isEmpty() ? document : document.withTags(tags);
  }

  /**
   * {@return the vector of a row}
   *
   * @param row a row of the vector table
   */
  public static float[] vector(Row row) {
    List<Float> values = row.getList(5);
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = values.get(i);
    }
    return vector;
  }

  /** The {@code uri} column of an image source. */
  static String uriOf(ImageSource source) {
    return switch (source) {
      case ImageSource.FileImage file -> file.path().toAbsolutePath().normalize().toUri().toString();
      case ImageSource.UriImage remote -> remote.uri().toString();
      case ImageSource.BytesImage bytes ->
          throw new IllegalArgumentException(
              "image " + bytes.name() + " has no location: only file or URI images can be encoded on Spark");
    };
  }
}
