package dev.crossmodal.hub;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The environment variables {@link HubClient} honours, read through a lookup function so tests can
 * supply their own environment.
 *
 * <ul>
 *   <li>{@code HF_ENDPOINT}: the hub's address (a mirror, or a local server);
 *   <li>{@code CROSSMODAL_CACHE}: the crossmodal cache folder; hub files go to its {@code hub/}
 *       sub-folder (default {@code ~/.cache/crossmodal});
 *   <li>{@code HF_HUB_OFFLINE}, {@code CROSSMODAL_OFFLINE}: {@code 1} (or {@code true}, {@code
 *       yes}, {@code on}) to never touch the network;
 *   <li>{@code HF_TOKEN} (or the older {@code HUGGING_FACE_HUB_TOKEN}): an access token for
 *       private or gated repositories.
 * </ul>
 */
final class HubEnvironment {
  static final String ENDPOINT = "HF_ENDPOINT";
  static final String CACHE = "CROSSMODAL_CACHE";
  static final String HF_OFFLINE = "HF_HUB_OFFLINE";
  static final String OFFLINE = "CROSSMODAL_OFFLINE";
  static final String TOKEN = "HF_TOKEN";
  static final String LEGACY_TOKEN = "HUGGING_FACE_HUB_TOKEN";

  private final Function<String, String> lookup;

  HubEnvironment(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  Optional<String> endpoint() {
    return value(ENDPOINT);
  }

  Path cacheDir(String userHome) {
    return value(CACHE).map(dir -> Path.of(dir, "hub"))
        .orElseGet(() -> Path.of(userHome, ".cache", "crossmodal", "hub"));
  }

  boolean offline() {
    return isTrue(HF_OFFLINE) || isTrue(OFFLINE);
  }

  Optional<String> token() {
    return value(TOKEN).or(() -> value(LEGACY_TOKEN));
  }

  private Optional<String> value(String name) {
    String v = lookup.apply(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private boolean isTrue(String name) {
    return value(name)
        .map(v -> v.toLowerCase(Locale.ROOT))
        .filter(v -> v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on"))
        .isPresent();
  }
}
