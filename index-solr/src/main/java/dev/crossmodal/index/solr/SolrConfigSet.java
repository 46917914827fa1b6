package dev.crossmodal.index.solr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.util.ContentStreamBase;

/**
 * This module's Solr config set, rendered for one vector dimension and HNSW setting: a schema
 * with the key, the document id, the modality and a cosine dense-vector field, and a minimal
 * solrconfig. Its name encodes those parameters, so collections of different dimensions never
 * share one.
 */
final class SolrConfigSet {
  /** The field type of the vector field; its {@code vectorDimension} identifies the dimension. */
  static final String VECTOR_TYPE = "crossmodal_vector";

  private static final String RESOURCES = "configset/";

  private final int dimension;
  private final int maxConnections;
  private final int beamWidth;

  SolrConfigSet(int dimension, int maxConnections, int beamWidth) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    this.dimension = dimension;
    this.maxConnections = maxConnections;
    this.beamWidth = beamWidth;
  }

  /** {@code crossmodal-d512-m16-b100}. */
  String name() {
    return "crossmodal-d" + dimension + "-m" + maxConnections + "-b" + beamWidth;
  }

  /** The rendered schema. */
  String schema() {
    return resource("schema.xml")
        .replace("{{DIMENSION}}", Integer.toString(dimension))
        .replace("{{MAX_CONNECTIONS}}", Integer.toString(maxConnections))
        .replace("{{BEAM_WIDTH}}", Integer.toString(beamWidth));
  }

  /** The config set as the zip the Configsets API takes. */
  byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("solrconfig.xml"));
      zip.write(resource("solrconfig.xml").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("schema.xml"));
      zip.write(schema().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Uploads the config set through the Configsets API unless one of this name exists. */
  void uploadIfMissing(SolrClient client) throws SolrServerException, IOException {
    List<String> existing = new ConfigSetAdminRequest.List().process(client).getConfigSets();
    if (existing != null && existing.contains(name())) {
      return;
    }
    ContentStreamBase.ByteArrayStream stream = new ContentStreamBase.ByteArrayStream(zip(), name() + ".zip");
    stream.setContentType("application/zip");
    ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
    upload.setConfigSetName(name());
    upload.setUploadStream(stream);
    upload.process(client);
  }

  private static String resource(String file) {
    try (InputStream in = SolrConfigSet.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new IllegalStateException("config set resource " + file + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
