package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.ai.bedrock.converse.BedrockChatOptions;
import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * The side-by-side variants of one generation call. Every variant goes through the same kind of AWS
 * client (url-connection, SDK retries off) against the same emulator; the peers get that client
 * injected, which is how both document pointing them at another endpoint.
 */
final class CallVariants implements AutoCloseable {
  /** One variant: a name, what API it calls, and the call (prompt in, answer text out). */
  record Variant(String key, String label, String api, Function<String, String> call) {}

  private final BedrockRuntimeClient raw;
  private final BedrockRuntimeAsyncClient rawAsync;
  private final BedrockGenerationClient ours;
  private final BedrockGenerationClient oursConverse;
  final List<Variant> variants = new ArrayList<>();

  CallVariants(URI endpoint, int maxTokens) {
    this.raw = Workload.rawSync(endpoint);
    this.rawAsync = Workload.rawAsync(endpoint);
    this.ours = Workload.ours(endpoint);
    this.oursConverse = Workload.oursConverse(endpoint);

    variants.add(
        new Variant(
            "raw",
            "raw SDK invokeModel (a)",
            "InvokeModel",
            prompt -> {
              InvokeModelResponse r =
                  raw.invokeModel(Workload.invokeRequest(Workload.claudeBody(prompt, maxTokens)));
              return Workload.claudeText(r.body().asByteArrayUnsafe());
            }));
    variants.add(
        new Variant(
            "ours",
            "genai-aws generate (b)",
            "InvokeModel",
            prompt -> ours.generate(Workload.request(prompt, maxTokens)).text()));
    variants.add(
        new Variant(
            "rawConverse",
            "raw SDK converse",
            "Converse",
            prompt -> {
              ConverseResponse r =
                  raw.converse(
                      b ->
                          b.modelId(Workload.MODEL_ID)
                              .messages(
                                  Message.builder()
                                      .role(ConversationRole.USER)
                                      .content(ContentBlock.fromText(prompt))
                                      .build())
                              .inferenceConfig(c -> c.maxTokens(maxTokens)));
              return r.output().message().content().get(0).text();
            }));
    variants.add(
        new Variant(
            "oursConverse",
            "genai-aws generate, api CONVERSE (e)",
            "Converse",
            prompt -> oursConverse.generate(Workload.request(prompt, maxTokens)).text()));

    BedrockChatModel langchain =
        BedrockChatModel.builder()
            .client(raw)
            .modelId(Workload.MODEL_ID)
            .maxRetries(0)
            .defaultRequestParameters(
                ChatRequestParameters.builder().maxOutputTokens(maxTokens).build())
            .build();
    variants.add(
        new Variant(
            "langchain4j", "LangChain4j BedrockChatModel (c)", "Converse", langchain::chat));

    BedrockProxyChatModel spring =
        BedrockProxyChatModel.builder()
            .bedrockRuntimeClient(raw)
            .bedrockRuntimeAsyncClient(rawAsync)
            .defaultOptions(
                BedrockChatOptions.builder().model(Workload.MODEL_ID).maxTokens(maxTokens).build())
            .build();
    variants.add(
        new Variant("springAi", "Spring AI BedrockProxyChatModel (d)", "Converse", spring::call));
  }

  @Override
  public void close() {
    ours.close();
    oursConverse.close();
    raw.close();
    rawAsync.close();
  }
}
