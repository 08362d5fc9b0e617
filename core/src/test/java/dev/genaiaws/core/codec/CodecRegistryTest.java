package dev.genaiaws.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnknownModelException;
import org.junit.jupiter.api.Test;

class CodecRegistryTest {
  record Named(ModelFamily family) implements FamilyCodec {}

  static final Named CLAUDE = new Named(ModelFamily.of("claude-messages"));
  static final Named CLAUDE_TEXT = new Named(ModelFamily.of("claude-text"));
  static final Named LLAMA3 = new Named(ModelFamily.of("llama3"));
  static final Named TITAN = new Named(ModelFamily.of("titan-text"));

  static final CodecRegistry<Named> REGISTRY =
      CodecRegistry.<Named>builder()
          .register(CLAUDE, "anthropic.claude")
          .register(CLAUDE_TEXT, "anthropic.claude-v2", "anthropic.claude-instant")
          .register(LLAMA3, "meta.llama3", "meta.llama4")
          .register(TITAN, "amazon.titan-text")
          .build();

  /** The test registry with an id resolver that counts how often it is asked. */
  private static CodecRegistry<Named> countingLookups(
      java.util.concurrent.atomic.AtomicInteger lookups) {
    return REGISTRY.toBuilder()
        .modelIds(
            id -> {
              lookups.incrementAndGet();
              return ModelIdResolver.Target.of(id);
            })
        .build();
  }

  @Test
  void resolve_sameIdAgain_resolverConsultedOnceAndFamilyKeptApart() {
    java.util.concurrent.atomic.AtomicInteger lookups =
        new java.util.concurrent.atomic.AtomicInteger();
    CodecRegistry<Named> r = countingLookups(lookups);

    CodecRegistry.Resolution<Named> first = r.resolve("anthropic.claude-3-haiku");
    CodecRegistry.Resolution<Named> again = r.resolve("anthropic.claude-3-haiku");
    CodecRegistry.Resolution<Named> named =
        r.resolve("anthropic.claude-3-haiku", ModelFamily.of("titan-text"));

    assertThat(again).isSameAs(first);
    assertThat(named.codec()).isSameAs(TITAN);
    assertThat(first.codec()).isSameAs(CLAUDE);
    assertThat(lookups).hasValue(2);
  }

  @Test
  void find_idNoCodecKnows_emptyWithoutResolvingAgain_resolveStillSaysWhy() {
    java.util.concurrent.atomic.AtomicInteger lookups =
        new java.util.concurrent.atomic.AtomicInteger();
    CodecRegistry<Named> r = countingLookups(lookups);

    assertThat(r.find("acme.super-model-v1", null)).isEmpty();
    assertThat(r.find("acme.super-model-v1", null)).isEmpty();
    assertThat(lookups).hasValue(1);
    assertThat(r.find("anthropic.claude-3-haiku", null))
        .hasValueSatisfying(res -> assertThat(res.codec()).isSameAs(CLAUDE));

    assertThatThrownBy(() -> r.resolve("acme.super-model-v1"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("acme.super-model-v1");
    assertThatThrownBy(() -> r.find(" ", null)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void resolve_pastTheCacheBound_stillResolvesEveryId() {
    java.util.concurrent.atomic.AtomicInteger lookups =
        new java.util.concurrent.atomic.AtomicInteger();
    CodecRegistry<Named> r = countingLookups(lookups);
    int ids = CodecRegistry.MAX_CACHED_RESOLUTIONS + 10;
    for (int i = 0; i < ids; i++) {
      assertThat(r.resolve("meta.llama3-" + i).codec()).isSameAs(LLAMA3);
    }
    for (int i = 0; i < ids; i++) {
      assertThat(r.resolve("meta.llama3-" + i).baseModelId()).isEqualTo("meta.llama3-" + i);
    }

    // the first ids are kept, the last ten are resolved again each time
    assertThat(lookups).hasValue(ids + 10);
  }

  @Test
  void resolve_unknownId_namesIdAndKnownFamilies() {
    assertThatThrownBy(() -> REGISTRY.resolve("acme.super-model-v1"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageStartingWith("no model family matches model id 'acme.super-model-v1'")
        .hasMessageContaining("known families: claude-messages, claude-text, llama3, titan-text")
        .satisfies(e -> assertThat(((UnknownModelException) e).knownFamilies()).hasSize(4));
  }

  @Test
  void resolve_unknownExplicitFamily_saysItIsNotRegistered() {
    assertThatThrownBy(() -> REGISTRY.resolve("x", ModelFamily.of("nope")))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("'nope' is not registered");
  }

  @Test
  void resolve_blankId_rejected() {
    assertThatThrownBy(() -> REGISTRY.resolve(" ")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void resolve_plainIds_noProfileOrArnRules() {
    assertThatThrownBy(() -> REGISTRY.resolve("us.anthropic.claude-3-haiku-20240307-v1:0"))
        .isInstanceOf(UnknownModelException.class);
  }

  @Test
  void resolve_providerResolver_candidatesInOrderAndOpaqueIds() {
    ModelIdResolver vendor =
        id ->
            id.startsWith("opaque:")
                ? ModelIdResolver.Target.opaque("a vendor handle")
                : id.startsWith("x.")
                    ? ModelIdResolver.Target.of(id, id.substring(2))
                    : ModelIdResolver.Target.of(id);
    CodecRegistry<Named> r = REGISTRY.toBuilder().modelIds(vendor).build();

    assertThat(r.resolve("x.meta.llama3-8b").baseModelId()).isEqualTo("meta.llama3-8b");
    assertThat(r.resolve("x.meta.llama3-8b").codec()).isSameAs(LLAMA3);
    assertThat(r.resolve("opaque:123", TITAN.family()).baseModelId()).isEqualTo("opaque:123");
    assertThatThrownBy(() -> r.resolve("opaque:123"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("a vendor handle")
        .hasMessageContaining("name the family");
    assertThatThrownBy(() -> CodecRegistry.<Named>builder().modelIds(null))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void toBuilder_overrideOnePrefix_keepsTheRest() {
    Named mine = new Named(ModelFamily.of("mine"));
    CodecRegistry<Named> r = REGISTRY.toBuilder().register(mine, "meta.llama3").build();
    assertThat(r.resolve("meta.llama3-8b-instruct-v1:0").codec()).isSameAs(mine);
    assertThat(r.resolve("meta.llama4-scout-17b-instruct-v1:0").codec()).isSameAs(LLAMA3);
    assertThat(r.codecFor(ModelFamily.of("mine"))).contains(mine);
  }

  @Test
  void register_factory_createsCodecOnFirstUseOnly() {
    java.util.concurrent.atomic.AtomicInteger made =
        new java.util.concurrent.atomic.AtomicInteger();
    ModelFamily lazy = ModelFamily.of("lazy");
    CodecRegistry<Named> r =
        CodecRegistry.<Named>builder()
            .register(
                lazy,
                () -> {
                  made.incrementAndGet();
                  return new Named(lazy);
                },
                "acme.lazy")
            .register(CLAUDE, "anthropic.claude")
            .build();

    assertThat(r.families())
        .extracting(ModelFamily::name)
        .containsExactly("lazy", "claude-messages");
    r.resolve("anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(made).hasValue(0);
    Named first = r.resolve("acme.lazy-v1").codec();
    assertThat(r.resolve("acme.lazy-v2").codec()).isSameAs(first);
    assertThat(r.codecFor(lazy)).contains(first);
    assertThat(made).hasValue(1);
  }
}
