package dev.genaiaws.core.codec;

import dev.genaiaws.core.ProviderOptions;
import dev.genaiaws.core.internal.Checks;

/**
 * The name of a family of models that share one wire format, e.g. {@code anthropic.claude-messages}
 * or {@code meta.llama3}. Each provider module publishes its families as constants.
 *
 * <p>It is also a {@link ProviderOptions}: attach it to a request to say which family a model id
 * belongs to when the id cannot tell (ARNs of provisioned throughput, custom or imported models,
 * application inference profiles, SageMaker endpoints):
 *
 * <pre>{@code
 * client.generate(r -> r.modelId("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc")
 *     .option(BedrockFamilies.META_LLAMA3)
 *     .user("Hello"));
 * }</pre>
 *
 * @param name the family's stable name
 */
public record ModelFamily(String name) implements ProviderOptions {
  public ModelFamily {
    Checks.notBlank(name, "family name");
  }

  public static ModelFamily of(String name) {
    return new ModelFamily(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
