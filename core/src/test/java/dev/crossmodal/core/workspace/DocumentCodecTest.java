package dev.crossmodal.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentCodecTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final DocumentCodec codec = new DocumentCodec(mapper);

  @Test
  void identityReadsTheIdAndModalityOfAWrittenDocument() throws IOException {
    Document image = Document.image("img-1", ImageSource.of("photo.png", new byte[] {1, 2, 3}))
        .withTag(Document.TAG_SOURCE_NAME, "photo.png");

    DocumentCodec.Identity identity = codec.identity(mapper.writeValueAsBytes(codec.toJson(image)));

    assertThat(identity).isEqualTo(new DocumentCodec.Identity("img-1", Modality.IMAGE));
  }

  @Test
  void identityFindsTheFieldsInAnyOrderPastNestedValues() throws IOException {
    String json = "{\"tags\":{\"a\":\"b\"},\"text\":\"a dog\",\"kind\":\"text\",\"modality\":\"text\",\"id\":\"t-7\"}";

    DocumentCodec.Identity identity = codec.identity(json.getBytes(StandardCharsets.UTF_8));

    assertThat(identity).isEqualTo(new DocumentCodec.Identity("t-7", Modality.TEXT));
  }

  @Test
  void identityRefusesARecordWithoutAnId() {
    byte[] json = "{\"modality\":\"text\",\"kind\":\"text\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.identity(json)).isInstanceOf(IOException.class);
  }
}
