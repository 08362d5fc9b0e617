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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the codec for a model id. Every shape of id Bedrock accepts resolves the same way:
 *
 * <ul>
 *   <li>base ids, including versions the registry has never seen ({@code anthropic.claude-sonnet-9-v1:0}
 *       matches the {@code anthropic.claude} prefix; the longest registered prefix wins);</li>
 *   <li>cross-region inference profiles: {@code us.}, {@code eu.}, {@code apac.}, {@code jp.}, {@code au.},
 *       {@code us-gov.}, {@code global.} and any future short geography prefix;</li>
 *   <li>ARNs of foundation models, system inference profiles and custom models (whose ARN names the base
 *       model) resolve to the model inside;</li>
 *   <li>ARNs that do not name a model (provisioned throughput, imported models, application inference
 *       profiles, prompt routers) need the family named explicitly: {@link #resolve(String, ModelFamily)}.
 *       The error says so.</li>
 * </ul>
 *
 * Matching ignores case. Build one per client; it is immutable and thread-safe.
 *
 * @param <C> the codec type ({@link ModelCodec} or {@link EmbeddingCodec})
 */
public final class CodecRegistry<C extends FamilyCodec> {

  /** The cross-region inference profile prefixes Bedrock documents. */
  public static final List<String> PROFILE_PREFIXES =
      List.of("us", "eu", "apac", "jp", "au", "us-gov", "global", "ca");

  private static final Pattern GEO = Pattern.compile("[a-z]{2,6}(-[a-z]{2,4})?");
  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:(bedrock|sagemaker):[a-z0-9-]*:\\d*:([a-z-]+)/(.+)", Pattern.CASE_INSENSITIVE);

  private final Map<String, Entry<C>> byPrefix;
  /** {@link #byPrefix}'s entries, longest prefix first, walked by index on every call (no iterator). */
  private final List<Map.Entry<String, Entry<C>>> prefixOrder;
  private final Map<String, Entry<C>> byFamily;

  private CodecRegistry(Map<String, Entry<C>> byPrefix, Map<String, Entry<C>> byFamily) {
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
   * The codec for an id whose family may be given explicitly (required for ARNs that do not name a model).
   * An explicit family always wins over what the id suggests.
   */
  public Resolution<C> resolve(String modelId, ModelFamily family) {
    if (modelId == null || modelId.isBlank()) {
      throw new InvalidRequestException("modelId must not be blank but was "
          + (modelId == null ? "null" : "'" + modelId + "'"));
    }
    Target target = target(modelId.strip());
    if (family != null) {
      Entry<C> entry = byFamily.get(family.name());
      if (entry == null) {
        throw new UnknownModelException(modelId, familyNames(),
            "the family '" + family.name() + "' is not registered with this client");
      }
      String base = target.modelId == null ? modelId : stripProfile(target.modelId).orElse(target.modelId);
      return new Resolution<>(entry.get(), base);
    }
    if (target.modelId == null) {
      throw new UnknownModelException(modelId, familyNames(), "an ARN of type '" + target.resourceType
          + "' does not say which model it runs; name the family on the request with"
          + " .option(<family>) or on the client");
    }
    String id = target.modelId.toLowerCase(Locale.ROOT);
    Optional<C> direct = match(id);
    if (direct.isPresent()) {
      return new Resolution<>(direct.get(), target.modelId);
    }
    int dot = id.indexOf('.');
    if (dot > 0 && GEO.matcher(id.substring(0, dot)).matches()) {
      Optional<C> viaProfile = match(id.substring(dot + 1));
      if (viaProfile.isPresent()) {
        return new Resolution<>(viaProfile.get(), target.modelId.substring(dot + 1));
      }
    }
    throw new UnknownModelException(modelId, familyNames(),
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
    private final java.util.function.Supplier<? extends C> factory;
    private volatile C codec;

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
            c = java.util.Objects.requireNonNull(factory.get(), "codec factory returned null");
            codec = c;
          }
        }
      }
      return c;
    }
  }

  private Optional<String> stripProfile(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    if (match(lower).isPresent()) {
      return Optional.of(id);
    }
    int dot = lower.indexOf('.');
    if (dot > 0 && GEO.matcher(lower.substring(0, dot)).matches() && match(lower.substring(dot + 1)).isPresent()) {
      return Optional.of(id.substring(dot + 1));
    }
    return Optional.empty();
  }

  private record Target(String modelId, String resourceType) {}

  /** What an id points at: a model id to match, or (for opaque ARNs) nothing but a resource type. */
  private static Target target(String id) {
    if (!id.regionMatches(true, 0, "arn:", 0, 4)) {
      return new Target(id, null); // a model or profile id: no need to run the ARN pattern on every call
    }
    Matcher m = ARN.matcher(id);
    if (!m.matches()) {
      return new Target(id, null);
    }
    String type = m.group(2).toLowerCase(Locale.ROOT);
    String resource = m.group(3);
    switch (type) {
      case "foundation-model":
      case "inference-profile":
        return new Target(resource, type);
      case "custom-model": {
        // arn:...:custom-model/<base model id>/<custom id>
        int slash = resource.lastIndexOf('/');
        return new Target(slash > 0 ? resource.substring(0, slash) : null, type);
      }
      default:
        return new Target(null, type);
    }
  }

  /**
   * What an id resolved to.
   *
   * @param codec the family's codec
   * @param baseModelId the model id with profile prefix and ARN removed where that was possible (what the
   *     codec uses to tell models apart), else the id as given
   */
  public record Resolution<C>(C codec, String baseModelId) {}

  /** Registers codecs under id prefixes. */
  public static final class Builder<C extends FamilyCodec> {
    private final Map<String, Entry<C>> byPrefix = new LinkedHashMap<>();
    private final Map<String, Entry<C>> byFamily = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Registers a codec for model ids starting with any of the prefixes (e.g. {@code "meta.llama3"}).
     * A later registration of the same prefix or family replaces the earlier one.
     */
    public Builder<C> register(C codec, String... prefixes) {
      return add(codec.family(), new Entry<>(codec), prefixes);
    }

    /**
     * Registers a codec that is created on first use, for ids starting with any of the prefixes. A client
     * then loads only the codecs of the models it calls, which shortens its cold start.
     */
    public Builder<C> register(ModelFamily family, java.util.function.Supplier<? extends C> factory,
        String... prefixes) {
      return add(family, new Entry<>(factory), prefixes);
    }

    private Builder<C> add(ModelFamily family, Entry<C> entry, String... prefixes) {
      byFamily.put(family.name(), entry);
      for (String p : prefixes) {
        if (p == null || p.isBlank()) {
          throw new IllegalArgumentException("prefixes must not be blank");
        }
        byPrefix.put(p.toLowerCase(Locale.ROOT), entry);
      }
      return this;
    }

    public CodecRegistry<C> build() {
      return new CodecRegistry<>(byPrefix, byFamily);
    }
  }
}
