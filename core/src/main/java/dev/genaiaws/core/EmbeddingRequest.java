package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Texts to turn into vectors. Any number of texts may be given: the client batches them as the
 * model allows and returns the vectors in input order.
 *
 * <pre>{@code
 * EmbeddingResponse r = embeddings.embed(e -> e
 *     .modelId("amazon.titan-embed-text-v2:0")
 *     .texts(List.of("first document", "second document"))
 *     .dimensions(512)
 *     .normalize(true));
 * float[] first = r.vector(0);
 * }</pre>
 *
 * @param modelId the embedding model id, profile, ARN or endpoint name
 * @param texts the texts, at least one, none empty
 * @param dimensions the vector length, for models that offer a choice, or {@code null}
 * @param normalize whether to return unit vectors, for models that offer it, or {@code null}
 * @param inputType what the texts are for, for models that ask, or {@code null}
 * @param options typed provider options keyed by class
 */
public record EmbeddingRequest(
    String modelId,
    List<String> texts,
    Integer dimensions,
    Boolean normalize,
    EmbeddingInputType inputType,
    Map<Class<? extends ProviderOptions>, ProviderOptions> options) {

  public EmbeddingRequest {
    Checks.notBlank(modelId, "modelId");
    texts = Checks.copyOf(texts, "texts");
    if (texts.isEmpty()) {
      throw new InvalidRequestException("texts must hold at least one text");
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).isEmpty()) {
        throw new InvalidRequestException("texts[" + i + "] must not be empty");
      }
    }
    Checks.atLeast(dimensions, 1, "dimensions");
    options =
        options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The provider option of the given class, if one was attached. */
  public <T extends ProviderOptions> Optional<T> option(Class<T> type) {
    return Optional.ofNullable(type.cast(options.get(type)));
  }

  /** The same request for a sub-list of the texts (used to batch). */
  public EmbeddingRequest withTexts(List<String> texts) {
    return new EmbeddingRequest(modelId, texts, dimensions, normalize, inputType, options);
  }

  @Override
  public String toString() {
    return "EmbeddingRequest[modelId="
        + modelId
        + ", texts="
        + texts.size()
        + " ("
        + texts.stream().mapToInt(String::length).sum()
        + " chars), dimensions="
        + dimensions
        + ", normalize="
        + normalize
        + ", inputType="
        + inputType
        + "]";
  }

  /** Builder for {@link EmbeddingRequest}. */
  public static final class Builder {
    private @Nullable String modelId;
    private final List<String> texts = new ArrayList<>();
    private @Nullable Integer dimensions;
    private @Nullable Boolean normalize;
    private @Nullable EmbeddingInputType inputType;
    private final Map<Class<? extends ProviderOptions>, ProviderOptions> options =
        new LinkedHashMap<>();

    private Builder() {}

    private Builder(EmbeddingRequest r) {
      modelId = r.modelId;
      texts.addAll(r.texts);
      dimensions = r.dimensions;
      normalize = r.normalize;
      inputType = r.inputType;
      options.putAll(r.options);
    }

    public Builder modelId(@Nullable String modelId) {
      this.modelId = modelId;
      return this;
    }

    /** Replaces the texts. */
    public Builder texts(@Nullable List<String> texts) {
      if (texts == null) {
        throw new InvalidRequestException(
            "texts must not be null: pass a list such as List.of(\"...\"), or add"
                + " them one by one with text(\"...\")");
      }
      this.texts.clear();
      this.texts.addAll(texts);
      return this;
    }

    /** Appends one text. */
    public Builder text(@Nullable String text) {
      this.texts.add(text);
      return this;
    }

    public Builder dimensions(@Nullable Integer dimensions) {
      this.dimensions = dimensions;
      return this;
    }

    public Builder normalize(@Nullable Boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    public Builder inputType(@Nullable EmbeddingInputType inputType) {
      this.inputType = inputType;
      return this;
    }

    public Builder option(ProviderOptions option) {
      Checks.notNull(option, "option");
      options.put(option.getClass(), option);
      return this;
    }

    // the record's constructor validates what the builder holds (null included)
    @SuppressWarnings("NullAway")
    public EmbeddingRequest build() {
      return new EmbeddingRequest(modelId, texts, dimensions, normalize, inputType, options);
    }
  }
}
