package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.langchain4j.model.bedrock.BedrockStreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.ai.bedrock.converse.BedrockChatOptions;
import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Time to the first text delta and to the end of a ConverseStream call: the raw async client with a
 * visitor, ours with {@code api(CONVERSE)} ({@code stream()} on the caller's thread and {@code
 * publisher()} on the SDK's), LangChain4j's {@code BedrockStreamingChatModel} and Spring AI's
 * {@code BedrockProxyChatModel.stream}, each given the same kind of Netty HTTP/1.1 async client
 * with SDK retries off. The variants take turns in a rotating order (each is first, second, ...
 * equally often); medians.
 */
final class ConverseStreaming {
  private interface Call {
    int run(long[] first, long[] done, int i) throws Exception;
  }

  private record Variant(String label, Call call) {}

  private ConverseStreaming() {}

  static List<Streaming.Row> run(BedrockEmulator emulator, int calls) throws Exception {
    String prompt = Workload.Size.SMALL.prompt;
    int maxTokens = Streaming.MAX_TOKENS;
    GenerationRequest request = Workload.request(prompt, maxTokens);
    try (BedrockGenerationClient ours = Workload.oursConverse(emulator.endpoint());
        BedrockRuntimeAsyncClient rawAsync = Workload.rawAsync(emulator.endpoint());
        BedrockRuntimeAsyncClient langchainAsync = Workload.rawAsync(emulator.endpoint());
        BedrockRuntimeAsyncClient springAsync = Workload.rawAsync(emulator.endpoint());
        BedrockRuntimeClient springSync = Workload.rawSync(emulator.endpoint())) {
      BedrockStreamingChatModel langchain =
          BedrockStreamingChatModel.builder()
              .client(langchainAsync)
              .modelId(Workload.MODEL_ID)
              .defaultRequestParameters(
                  ChatRequestParameters.builder().maxOutputTokens(maxTokens).build())
              .build();
      BedrockProxyChatModel spring =
          BedrockProxyChatModel.builder()
              .bedrockRuntimeClient(springSync)
              .bedrockRuntimeAsyncClient(springAsync)
              .defaultOptions(
                  BedrockChatOptions.builder()
                      .model(Workload.MODEL_ID)
                      .maxTokens(maxTokens)
                      .build())
              .build();
      List<Variant> variants =
          List.of(
              new Variant(
                  "raw async converseStream + visitor",
                  (f, d, i) -> raw(rawAsync, prompt, maxTokens, f, d, i)),
              new Variant(
                  "genai-aws stream(), api CONVERSE",
                  (f, d, i) -> Streaming.ours(ours, request, f, d, i, null)),
              new Variant(
                  "genai-aws publisher(), api CONVERSE",
                  (f, d, i) -> Streaming.publisher(ours, request, f, d, i)),
              new Variant(
                  "LangChain4j BedrockStreamingChatModel",
                  (f, d, i) -> langchain(langchain, prompt, f, d, i)),
              new Variant(
                  "Spring AI BedrockProxyChatModel.stream",
                  (f, d, i) -> spring(spring, prompt, f, d, i)));
      int n = variants.size();
      long[][] first = new long[n][calls];
      long[][] done = new long[n][calls];
      int[] deltas = new int[n];
      for (int w = 0; w < 200; w++) { // warm-up
        for (int v = 0; v < n; v++) {
          variants.get(v).call().run(new long[1], new long[1], 0);
        }
      }
      emulator.reset();
      for (int i = 0; i < calls; i++) {
        for (int k = 0; k < n; k++) {
          int v = (i + k) % n;
          deltas[v] = variants.get(v).call().run(first[v], done[v], i);
        }
        if (i % 300 == 299) {
          emulator.reset();
        }
      }
      List<Streaming.Row> rows = new ArrayList<>();
      for (int v = 0; v < n; v++) {
        rows.add(Streaming.row(variants.get(v).label(), first[v], done[v], deltas[v]));
      }
      Log.log("converse streaming: %s", rows);
      return rows;
    }
  }

  private static int raw(
      BedrockRuntimeAsyncClient client,
      String prompt,
      int maxTokens,
      long[] first,
      long[] done,
      int i)
      throws Exception {
    long t0 = System.nanoTime();
    int[] n = {0};
    StringBuilder text = new StringBuilder();
    ConverseStreamResponseHandler.Visitor visitor =
        ConverseStreamResponseHandler.Visitor.builder()
            .onContentBlockDelta(
                e -> {
                  String delta = e.delta().text();
                  if (delta != null) {
                    if (n[0]++ == 0) {
                      first[i] = System.nanoTime() - t0;
                    }
                    text.append(delta);
                  }
                })
            .build();
    CompletableFuture<Void> call =
        client.converseStream(
            ConverseStreamRequest.builder()
                .modelId(Workload.MODEL_ID)
                .messages(
                    Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText(prompt))
                        .build())
                .inferenceConfig(c -> c.maxTokens(maxTokens))
                .build(),
            ConverseStreamResponseHandler.builder().subscriber(visitor).build());
    call.get(60, TimeUnit.SECONDS);
    done[i] = System.nanoTime() - t0;
    if (n[0] == 0) {
      throw new IllegalStateException("raw converseStream gave no deltas");
    }
    return n[0];
  }

  private static int langchain(
      BedrockStreamingChatModel model, String prompt, long[] first, long[] done, int i)
      throws Exception {
    long t0 = System.nanoTime();
    int[] n = {0};
    CompletableFuture<ChatResponse> end = new CompletableFuture<>();
    model.chat(
        prompt,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            if (n[0]++ == 0) {
              first[i] = System.nanoTime() - t0;
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done[i] = System.nanoTime() - t0;
            end.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            end.completeExceptionally(error);
          }
        });
    end.get(60, TimeUnit.SECONDS);
    if (n[0] == 0) {
      throw new IllegalStateException("LangChain4j's stream gave no deltas");
    }
    return n[0];
  }

  private static int spring(
      BedrockProxyChatModel model, String prompt, long[] first, long[] done, int i) {
    long t0 = System.nanoTime();
    int[] n = {0};
    model.stream(prompt)
        .doOnNext(
            partial -> {
              if (!partial.isEmpty() && n[0]++ == 0) {
                first[i] = System.nanoTime() - t0;
              }
            })
        .blockLast(Duration.ofSeconds(60));
    done[i] = System.nanoTime() - t0;
    if (n[0] == 0) {
      throw new IllegalStateException("Spring AI's stream gave no deltas");
    }
    return n[0];
  }
}
