package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Issue 13, item 8: a disk-full error says "No space left" whatever layer wrapped it. */
class ErrorHandlerTest {
  @Test
  void theRootCauseIsAddedWhenTheMessageDoesNotSayIt() {
    Exception wrapped =
        new UncheckedIOException("cannot write manifest of workspace ws", new IOException("No space left on device"));

    assertThat(ErrorHandler.messageWithCause(wrapped))
        .isEqualTo("cannot write manifest of workspace ws: No space left on device");
  }

  @Test
  void aMessageThatAlreadySaysItIsLeftAlone() {
    Exception wrapped =
        new UncheckedIOException("cannot write ws: No space left on device", new IOException("No space left on device"));

    assertThat(ErrorHandler.messageWithCause(wrapped)).isEqualTo("cannot write ws: No space left on device");
  }
}
