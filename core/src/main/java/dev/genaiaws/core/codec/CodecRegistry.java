package dev.genaiaws.core.codec;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnknownModelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds the codec for a model id: the longest registered prefix the id starts with wins, so
 * versions the registry has never seen resolve by family ({@code vendor.model-9-v1:0} matches
 * {@code vendor.model}). Which ids an id stands for (a provider's profile prefixes, ARNs that name
 * a model, ARNs that do not) is the provider's knowledge, given to the registry as a {@link
 * ModelIdResolver} ({@link Builder#modelIds}); Bedrock's is {@code BedrockModelIds}. An id that
 * names no model needs the family named explicitly: {@link #resolve(String, ModelFamily)}; the
 * error says so.
 *
 * <p>Matching ignores case. Build one per client; it is immutable and thread-safe.
 *
 * @param <C> the codec type ({@link ModelCodec} or {@link EmbeddingCodec})
 */
public final class CodecRegistry<C extends FamilyCodec> {

  private final Map<String, Entry<C>> byPrefix;

  /**
   * {@link #byPrefix}'s entries, longest prefix first, walked by index on every call (no iterator).
   */
  private final List<Map.Entry<String, Entry<C>>> prefixOrder;

  private final Map<String, Entry<C>> byFamily;
  private final ModelIdResolver modelIds;

  /**
   * Resolutions already made, by id (and family, when one is named), empty for an id no codec
   * knows: resolving is a pure function of them (the id resolver's contract), and a client calls a
   * handful of models, so each id is parsed and matched against the prefixes once rather than on
   * every call. Bounded: ids come from callers.
   */
  private final Map<String, Optional<Resolution<C>>> resolved = new ConcurrentHashMap<>();

  /** At most this many resolutions are kept; past it, ids are resolved on every call. */
  static final int MAX_CACHED_RESOLUTIONS = 256;

  private CodecRegistry(
      Map<String, Entry<C>> byPrefix, Map<String, Entry<C>> byFamily, ModelIdResolver modelIds) {
    this.modelIds = modelIds;
    List<String> keys = new ArrayList<>(byPrefix.keySet());
    keys.sort((a, b) -> Integer.compare(b.length(), a.length()));
    Map<String, Entry<C>> sorted = new LinkedHashMap<>();
    for (String k : keys) {
      sorted.put(k, byPrefix.get(k));
    }
    this.byPrefix = Collections.unmodifiableMap(sorted);
    this.prefixOrder = List.copyOf(sorted.entrySet());
    this.byFamily = Collections.unmodifiableMap(new LinkedHashMap<>(byFamily));
  }

  public static <C extends FamilyCodec> Builder<C> builder() {
    return new Builder<>();
  }

  /** A builder holding this registry's entries, to add or override some. */
  public Builder<C> toBuilder() {
    Builder<C> b = new Builder<>();
    b.byPrefix.putAll(byPrefix);
    b.byFamily.putAll(byFamily);
    b.modelIds = modelIds;
    return b;
  }

  /**
   * The codec and base model id for an id.
   *
   * @throws UnknownModelException naming the id and the known families when nothing matches
   */
  public Resolution<C> resolve(String modelId) {
    return resolve(modelId, null);
  }

  /**
   * The codec for an id whose family may be given explicitly (required for ARNs that do not name a
   * model). An explicit family always wins over what the id suggests.
   */
  public Resolution<C> resolve(String modelId, @Nullable ModelFamily family) {
    Optional<Resolution<C>> found = find(modelId, family);
    // an id no codec knows is resolved again only to say why, on the path that fails
    return found.isPresent() ? found.get() : resolveUncached(modelId, family);
  }

  /**
   * {@link #resolve(String, ModelFamily)} without the exception when no codec knows the id: empty
   * then (for a router that sends such ids elsewhere, on every call, without building an exception
   * each time).
   *
   * @throws InvalidRequestException when the id is blank
   */
  public Optional<Resolution<C>> find(String modelId, @Nullable ModelFamily family) {
    if (modelId == null) {
      return Optional.of(resolveUncached(modelId, family)); // throws: a null id is refused
    }
    String key = family == null ? modelId : family.name() + '\n' + modelId;
    Optional<Resolution<C>> hit = resolved.get(key);
    if (hit != null) {
      return hit;
    }
    Optional<Resolution<C>> made;
    try {
      made = Optional.of(resolveUncached(modelId, family));
    } catch (UnknownModelException e) {
      made = Optional.empty();
    }
    if (resolved.size() < MAX_CACHED_RESOLUTIONS) {
      resolved.putIfAbsent(key, made);
    }
    return made;
  }

  private Resolution<C> resolveUncached(@Nullable String modelId, @Nullable ModelFamily family) {
    if (modelId == null || modelId.isBlank()) {
      throw new InvalidRequestException(
          "modelId must not be blank but was " + (modelId == null ? "null" : "'" + modelId + "'"));
    }
    ModelIdResolver.Target target = modelIds.target(modelId.strip());
    List<String> candidates = target.candidates();
    if (family != null) {
      Entry<C> entry = byFamily.get(family.name());
      if (entry == null) {
        throw new UnknownModelException(
            modelId,
            familyNames(),
            "the family '" + family.name() + "' is not registered with this client");
      }
      String base = candidates.isEmpty() ? modelId : candidates.get(0);
      for (int i = 0; i < candidates.size(); i++) {
        if (match(candidates.get(i).toLowerCase(Locale.ROOT)).isPresent()) {
          base = candidates.get(i);
          break;
        }
      }
      return new Resolution<>(entry.get(), base);
    }
    if (candidates.isEmpty()) {
      throw new UnknownModelException(
          modelId,
          familyNames(),
          (target.unresolved() == null
                  ? "the id does not say which model it runs"
                  : target.unresolved())
              + "; name the family on the request with .option(<family>) or on the client");
    }
    for (int i = 0; i < candidates.size(); i++) {
      Optional<C> codec = match(candidates.get(i).toLowerCase(Locale.ROOT));
      if (codec.isPresent()) {
        return new Resolution<>(codec.get(), candidates.get(i));
      }
    }
    throw new UnknownModelException(
        modelId,
        familyNames(),
        "check the id, or name the family explicitly with .option(<family>)");
  }

  /** The codec registered for a family. */
  public Optional<C> codecFor(ModelFamily family) {
    Entry<C> e = byFamily.get(family.name());
    return e == null ? Optional.empty() : Optional.of(e.get());
  }

  /** The registered families, in registration order. */
  public List<ModelFamily> families() {
    return byFamily.keySet().stream().map(ModelFamily::new).toList();
  }

  /** The registered prefixes, longest first, with their codecs (creating any not created yet). */
  public Map<String, C> prefixes() {
    Map<String, C> out = new LinkedHashMap<>();
    byPrefix.forEach((prefix, entry) -> out.put(prefix, entry.get()));
    return Collections.unmodifiableMap(out);
  }

  private List<String> familyNames() {
    return List.copyOf(byFamily.keySet());
  }

  private Optional<C> match(String lowerId) {
    for (int i = 0; i < prefixOrder.size(); i++) {
      Map.Entry<String, Entry<C>> e = prefixOrder.get(i);
      if (lowerId.startsWith(e.getKey())) {
        return Optional.of(e.getValue().get());
      }
    }
    return Optional.empty();
  }

  /** A codec, or how to make it on first use (so a client loads only the codecs it calls). */
  private static final class Entry<C> {
    private final java.util.function.@Nullable Supplier<? extends C> factory;
    private volatile @Nullable C codec;

    Entry(C codec) {
      this.factory = null;
      this.codec = codec;
    }

    Entry(java.util.function.Supplier<? extends C> factory) {
      this.factory = factory;
    }

    C get() {
      C c = codec;
      if (c == null) {
        synchronized (this) {
          c = codec;
          if (c == null) {
            c =
                java.util.Objects.requireNonNull(
                    java.util.Objects.requireNonNull(factory).get(), "codec factory returned null");
            codec = c;
          }
        }
      }
      return c;
    }
  }

  /**
   * What an id resolved to.
   *
   * @param codec the family's codec
   * @param baseModelId the model id with profile prefix and ARN removed where that was possible
   *     (what the codec uses to tell models apart), else the id as given
   */
  public record Resolution<C>(C codec, String baseModelId) {}

  /** Registers codecs under id prefixes. */
  public static final class Builder<C extends FamilyCodec> {
    private final Map<String, Entry<C>> byPrefix = new LinkedHashMap<>();
    private final Map<String, Entry<C>> byFamily = new LinkedHashMap<>();
    private ModelIdResolver modelIds = ModelIdResolver.PLAIN;

    private Builder() {}

    /**
     * The provider's rules for what an id points at (profile prefixes, ARNs); default {@link
     * ModelIdResolver#PLAIN}, which matches ids as they are.
     */
    public Builder<C> modelIds(ModelIdResolver modelIds) {
      if (modelIds == null) {
        throw new InvalidRequestException(
            "modelIds must not be null: pass ModelIdResolver.PLAIN for plain ids");
      }
      this.modelIds = modelIds;
      return this;
    }

    /**
     * Registers a codec for model ids starting with any of the prefixes (e.g. {@code
     * "meta.llama3"}). A later registration of the same prefix or family replaces the earlier one.
     */
    public Builder<C> register(C codec, String... prefixes) {
      return add(codec.family(), new Entry<>(codec), prefixes);
    }

    /**
     * Registers a codec that is created on first use, for ids starting with any of the prefixes. A
     * client then loads only the codecs of the models it calls, which shortens its cold start.
     */
    public Builder<C> register(
        ModelFamily family, java.util.function.Supplier<? extends C> factory, String... prefixes) {
      return add(family, new Entry<>(factory), prefixes);
    }

    private Builder<C> add(ModelFamily family, Entry<C> entry, String... prefixes) {
      byFamily.put(family.name(), entry);
      for (String p : prefixes) {
        if (p == null || p.isBlank()) {
          throw new InvalidRequestException("prefixes must not be blank");
        }
        byPrefix.put(p.toLowerCase(Locale.ROOT), entry);
      }
      return this;
    }

    public CodecRegistry<C> build() {
      return new CodecRegistry<>(byPrefix, byFamily, modelIds);
    }
  }
}
