package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.testkit.BedrockEmulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

/**
 * What the codec benchmarks feed each family: requests to encode, and the answer body and stream chunks the
 * emulator (written independently of the codecs) sends for that family.
 */
final class CodecInputs {
  /** Known model ids; each registered family is benchmarked with the first of these that resolves to it. */
  static final List<String> SAMPLE_IDS = List.of(
      "amazon.titan-text-express-v1",
      "amazon.nova-lite-v1:0",
      "anthropic.claude-3-haiku-20240307-v1:0",
      "anthropic.claude-v2:1",
      "meta.llama2-13b-chat-v1",
      "meta.llama3-8b-instruct-v1:0",
      "mistral.mistral-7b-instruct-v0:2",
      "mistral.mistral-large-2407-v1:0",
      "cohere.command-text-v14",
      "cohere.command-r-v1:0",
      "ai21.j2-ultra-v1",
      "ai21.jamba-1-5-mini-v1:0");

  static final int MAX_TOKENS = 256;

  final ModelCodec codec;
  final String modelId;
  final GenerationRequest small;
  final GenerationRequest large;
  final byte[] responseBody;
  final List<byte[]> chunks;

  private CodecInputs(ModelCodec codec, String modelId, byte[] responseBody, List<byte[]> chunks) {
    this.codec = codec;
    this.modelId = modelId;
    this.small = request(Workload.Size.SMALL.prompt, modelId);
    this.large = request(Workload.Size.LARGE.prompt, modelId);
    this.responseBody = responseBody;
    this.chunks = chunks;
  }

  static GenerationRequest request(String prompt, String modelId) {
    return GenerationRequest.builder()
        .modelId(modelId)
        .system("You write short technical blogs.")
        .user(prompt)
        .inferenceConfig(c -> c.maxTokens(MAX_TOKENS).temperature(0.5))
        .build();
  }

  /** Every family of the built-in text registry, with the sample id it is benchmarked with (or none). */
  static Map<String, String> families() {
    CodecRegistry<ModelCodec> registry = BedrockCodecs.textRegistry();
    Map<String, String> result = new LinkedHashMap<>();
    for (ModelFamily family : registry.families()) {
      String id = null;
      for (String candidate : SAMPLE_IDS) {
        try {
          if (registry.resolve(candidate).codec().family().equals(family)) {
            id = candidate;
            break;
          }
        } catch (RuntimeException unknown) {
          // not served by this registry
        }
      }
      result.put(family.name(), id);
    }
    return result;
  }

  /** Builds the inputs of one family, asking a fresh emulator for its answers. */
  static CodecInputs of(String familyName) throws Exception {
    String modelId = families().get(familyName);
    if (modelId == null) {
      throw new IllegalArgumentException("no sample model id for family " + familyName);
    }
    CodecRegistry.Resolution<ModelCodec> resolution = BedrockCodecs.textRegistry().resolve(modelId);
    ModelCodec codec = resolution.codec();
    GenerationRequest request = request(Workload.Size.SMALL.prompt, modelId);
    try (BedrockEmulator emulator = BedrockEmulator.start();
        BedrockRuntimeClient raw = Workload.rawSync(emulator.endpoint());
        BedrockRuntimeAsyncClient rawAsync = Workload.rawAsync(emulator.endpoint())) {
      byte[] body = raw.invokeModel(b -> b.modelId(modelId).contentType("application/json")
          .accept("application/json").body(SdkBytes.fromByteArray(codec.encode(request, resolution.baseModelId()))))
          .body().asByteArray();
      List<byte[]> chunks = new ArrayList<>();
      rawAsync.invokeModelWithResponseStream(
          InvokeModelWithResponseStreamRequest.builder().modelId(modelId).contentType("application/json")
              .accept("application/json")
              .body(SdkBytes.fromByteArray(codec.encodeForStream(request, resolution.baseModelId()))).build(),
          InvokeModelWithResponseStreamResponseHandler.builder().subscriber(
              InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                  .onChunk(c -> chunks.add(c.bytes().asByteArray())).build()).build())
          .get(30, TimeUnit.SECONDS);
      return new CodecInputs(codec, resolution.baseModelId(), body, chunks);
    }
  }

  int chunkBytes() {
    return chunks.stream().mapToInt(c -> c.length).sum();
  }
}
