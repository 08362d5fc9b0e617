package dev.genaiaws.core.codec;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's model id points at, for a {@link CodecRegistry}: the ids to match against the
 * registered prefixes, most specific first. The registry itself knows no provider's id rules; a
 * provider module gives its resolver to the registry it builds (Bedrock's strips cross-region
 * profile prefixes and reads ARNs; SageMaker endpoints need none, since their codec is always
 * named).
 *
 * <pre>{@code
 * CodecRegistry<ModelCodec> registry = CodecRegistry.<ModelCodec>builder()
 *     .modelIds(myProviderIds)
 *     .register(codec, "vendor.model")
 *     .build();
 * }</pre>
 *
 * Implementations are pure functions of the id: no I/O, thread-safe.
 */
@FunctionalInterface
public interface ModelIdResolver {

  /** Ids are matched as they are: no profiles, no ARNs. */
  ModelIdResolver PLAIN = Target::of;

  /**
   * What an id (already stripped of surrounding blanks) points at.
   *
   * @param modelId the id as the caller gave it
   */
  Target target(String modelId);

  /**
   * What an id points at.
   *
   * @param candidates the ids to look up, most specific first (the first that matches a registered
   *     prefix wins, and becomes the codec's base model id); empty when the id names no model
   * @param unresolved why the id names no model (for the error), or {@code null} when it does
   */
  record Target(List<String> candidates, @Nullable String unresolved) {
    public Target {
      candidates = List.copyOf(candidates);
    }

    /** An id that is matched as it is. */
    public static Target of(String modelId) {
      return new Target(List.of(modelId), null);
    }

    /** An id matched as it is, then as {@code alternative} (e.g. without a profile prefix). */
    public static Target of(String modelId, String alternative) {
      return new Target(List.of(modelId, alternative), null);
    }

    /** An id that does not say which model it runs; the family must be named. */
    public static Target opaque(String why) {
      return new Target(List.of(), why);
    }
  }
}
