package dev.genaiaws.bedrock;

import dev.genaiaws.core.ProviderOptions;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Bedrock-specific settings of one call, sent as InvokeModel request fields (HTTP headers), never
 * in the model's body: a guardrail, tracing, the latency-optimised performance tier and the service
 * tier.
 *
 * <pre>{@code
 * client.generate(r -> r.modelId("anthropic.claude-3-haiku-20240307-v1:0")
 *     .user("Summarise this ticket")
 *     .option(BedrockOptions.builder().guardrail("gr-abc123", "1").trace("ENABLED").build()));
 * }</pre>
 *
 * <p>Every field is optional ({@code null}: the service's default). Values are passed as given so
 * that values newer than this SDK still work; the known ones are listed per field.
 *
 * @param guardrailIdentifier the guardrail id or ARN to apply; needs {@code guardrailVersion}
 * @param guardrailVersion the guardrail version ({@code DRAFT} or a number); needs {@code
 *     guardrailIdentifier}
 * @param trace {@code ENABLED}, {@code DISABLED} or {@code ENABLED_FULL}: whether the guardrail
 *     trace is returned in the body
 * @param performanceConfigLatency {@code standard} or {@code optimized} (latency-optimised
 *     inference)
 * @param serviceTier {@code priority}, {@code default}, {@code flex} or {@code reserved} (the
 *     request's typed {@code serviceTier} wins)
 * @param guardrailStreamProcessingMode {@code sync} or {@code async}: how a guardrail checks a
 *     ConverseStream (only streams through Converse send it)
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record BedrockOptions(
    String guardrailIdentifier,
    String guardrailVersion,
    String trace,
    String performanceConfigLatency,
    String serviceTier,
    String guardrailStreamProcessingMode)
    implements ProviderOptions {

  public BedrockOptions {
    guardrailIdentifier = blankToNull(guardrailIdentifier);
    guardrailVersion = blankToNull(guardrailVersion);
    trace = blankToNull(trace);
    performanceConfigLatency = blankToNull(performanceConfigLatency);
    serviceTier = blankToNull(serviceTier);
    guardrailStreamProcessingMode = blankToNull(guardrailStreamProcessingMode);
    if (guardrailStreamProcessingMode != null
        && !List.of("sync", "async")
            .contains(guardrailStreamProcessingMode.toLowerCase(Locale.ROOT))) {
      throw new InvalidRequestException(
          "guardrailStreamProcessingMode must be sync or async but was '"
              + guardrailStreamProcessingMode
              + "'");
    }
    if (guardrailStreamProcessingMode != null && guardrailIdentifier == null) {
      throw new InvalidRequestException(
          "guardrailStreamProcessingMode needs a guardrail: set guardrail(id, version)");
    }
    if ((guardrailIdentifier == null) != (guardrailVersion == null)) {
      throw new InvalidRequestException(
          "guardrailIdentifier and guardrailVersion must be set together but were "
              + (guardrailIdentifier == null ? "null" : "set")
              + " and "
              + (guardrailVersion == null ? "null" : "set"));
    }
    if (trace != null
        && !List.of("ENABLED", "DISABLED", "ENABLED_FULL")
            .contains(trace.toUpperCase(Locale.ROOT))) {
      throw new InvalidRequestException(
          "trace must be one of [ENABLED, DISABLED, ENABLED_FULL] but was '" + trace + "'");
    }
  }

  private static @Nullable String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .guardrail(guardrailIdentifier, guardrailVersion)
        .trace(trace)
        .performanceConfigLatency(performanceConfigLatency)
        .serviceTier(serviceTier)
        .guardrailStreamProcessingMode(guardrailStreamProcessingMode);
  }

  /** Builder for {@link BedrockOptions}. */
  public static final class Builder {
    private String guardrailIdentifier;
    private String guardrailVersion;
    private String trace;
    private String performanceConfigLatency;
    private String serviceTier;
    private String guardrailStreamProcessingMode;

    private Builder() {}

    /** The guardrail to apply: its id or ARN, and its version. */
    public Builder guardrail(String identifier, String version) {
      this.guardrailIdentifier = identifier;
      this.guardrailVersion = version;
      return this;
    }

    /** {@code ENABLED}, {@code DISABLED} or {@code ENABLED_FULL}. */
    public Builder trace(String trace) {
      this.trace = trace;
      return this;
    }

    /** {@code standard} or {@code optimized}. */
    public Builder performanceConfigLatency(String latency) {
      this.performanceConfigLatency = latency;
      return this;
    }

    /** {@code priority}, {@code default}, {@code flex} or {@code reserved}. */
    public Builder serviceTier(String serviceTier) {
      this.serviceTier = serviceTier;
      return this;
    }

    /** {@code sync} or {@code async}: how the guardrail checks a ConverseStream. */
    public Builder guardrailStreamProcessingMode(String mode) {
      this.guardrailStreamProcessingMode = mode;
      return this;
    }

    public BedrockOptions build() {
      return new BedrockOptions(
          guardrailIdentifier,
          guardrailVersion,
          trace,
          performanceConfigLatency,
          serviceTier,
          guardrailStreamProcessingMode);
    }
  }
}
