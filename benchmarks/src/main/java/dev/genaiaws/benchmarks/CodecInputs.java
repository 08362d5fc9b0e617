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
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

/**
 * What the codec benchmarks feed each family: requests to encode, and the answer body and stream
 * chunks the emulator (written independently of the codecs) sends for that family.
 */
final class CodecInputs {
  /**
   * Known model ids; each registered family is benchmarked with the first of these that resolves to
   * it.
   */
  static final List<String> SAMPLE_IDS =
      List.of(
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
          "ai21.jamba-1-5-mini-v1:0",
          "amazon.titan-image-generator-v2:0",
          "amazon.nova-canvas-v1:0",
          "stability.sd3-large-v1:0",
          "stability.stable-diffusion-xl-v1",
          "amazon.titan-embed-text-v2:0",
          "amazon.titan-embed-text-v1",
          "cohere.embed-english-v3");

  static final int MAX_TOKENS = 256;

  final ModelCodec codec;
  final String modelId;
  final GenerationRequest small;
  final @Nullable GenerationRequest large;
  final byte[] responseBody;
  final List<byte[]> chunks;

  private CodecInputs(ModelCodec codec, String modelId, byte[] responseBody, List<byte[]> chunks) {
    this.codec = codec;
    this.modelId = modelId;
    this.small =
        codec.supportsStreaming()
            ? request(Workload.Size.SMALL.prompt, modelId)
            : imageRequest(Workload.Size.SMALL.prompt, modelId);
    this.large = codec.supportsStreaming() ? request(Workload.Size.LARGE.prompt, modelId) : null;
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

  /**
   * Image families (no streaming): a prompt and one image; their prompts are limited to 512
   * characters.
   */
  static GenerationRequest imageRequest(String prompt, String modelId) {
    return GenerationRequest.builder()
        .modelId(modelId)
        .user(prompt)
        .imageConfig(c -> c.count(1))
        .build();
  }

  /**
   * Every family of the built-in text registry, with the sample id it is benchmarked with (or
   * none).
   */
  static Map<String, String> families() {
    return families(BedrockCodecs.textRegistry());
  }

  /** Every family of a registry, with the sample id it is benchmarked with (or none). */
  static <C extends dev.genaiaws.core.codec.FamilyCodec> Map<String, String> families(
      CodecRegistry<C> registry) {
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

  /**
   * The directory {@link #save} wrote, passed to JMH forks so they need no emulator of their own.
   */
  static final String DIR_PROPERTY = "bench.codecInputs";

  /**
   * The inputs of one family: read from the directory in {@code -Dbench.codecInputs} when set (JMH
   * forks), else asked from a fresh emulator.
   */
  static CodecInputs of(String familyName) throws Exception {
    String modelId = families().get(familyName);
    if (modelId == null) {
      throw new IllegalArgumentException("no sample model id for family " + familyName);
    }
    CodecRegistry.Resolution<ModelCodec> resolution = BedrockCodecs.textRegistry().resolve(modelId);
    ModelCodec codec = resolution.codec();
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir != null) {
      java.nio.file.Path d = java.nio.file.Path.of(dir, familyName);
      byte[] body = java.nio.file.Files.readAllBytes(d.resolve("response.bin"));
      List<byte[]> chunks = new ArrayList<>();
      for (int i = 0; java.nio.file.Files.exists(d.resolve("chunk-" + i + ".bin")); i++) {
        chunks.add(java.nio.file.Files.readAllBytes(d.resolve("chunk-" + i + ".bin")));
      }
      return new CodecInputs(codec, resolution.baseModelId(), body, chunks);
    }
    GenerationRequest request =
        codec.supportsStreaming()
            ? request(Workload.Size.SMALL.prompt, modelId)
            : imageRequest(Workload.Size.SMALL.prompt, modelId);
    try (BedrockEmulator emulator = BedrockEmulator.start();
        BedrockRuntimeClient raw = Workload.rawSync(emulator.endpoint());
        BedrockRuntimeAsyncClient rawAsync = Workload.rawAsync(emulator.endpoint())) {
      byte[] body =
          raw.invokeModel(
                  b ->
                      b.modelId(modelId)
                          .contentType("application/json")
                          .accept("application/json")
                          .body(
                              SdkBytes.fromByteArray(
                                  codec.encode(request, resolution.baseModelId()))))
              .body()
              .asByteArray();
      List<byte[]> chunks = new ArrayList<>();
      if (!codec.supportsStreaming()) {
        return new CodecInputs(codec, resolution.baseModelId(), body, chunks);
      }
      rawAsync
          .invokeModelWithResponseStream(
              InvokeModelWithResponseStreamRequest.builder()
                  .modelId(modelId)
                  .contentType("application/json")
                  .accept("application/json")
                  .body(
                      SdkBytes.fromByteArray(
                          codec.encodeForStream(request, resolution.baseModelId())))
                  .build(),
              InvokeModelWithResponseStreamResponseHandler.builder()
                  .subscriber(
                      InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                          .onChunk(c -> chunks.add(c.bytes().asByteArray()))
                          .build())
                  .build())
          .get(30, TimeUnit.SECONDS);
      return new CodecInputs(codec, resolution.baseModelId(), body, chunks);
    }
  }

  /** Writes the answer and chunks under {@code dir/<family>/} for {@link #of} in a fork. */
  void save(java.nio.file.Path dir, String familyName) throws java.io.IOException {
    java.nio.file.Path d = dir.resolve(familyName);
    java.nio.file.Files.createDirectories(d);
    java.nio.file.Files.write(d.resolve("response.bin"), responseBody);
    for (int i = 0; i < chunks.size(); i++) {
      java.nio.file.Files.write(d.resolve("chunk-" + i + ".bin"), chunks.get(i));
    }
  }

  int chunkBytes() {
    return chunks.stream().mapToInt(c -> c.length).sum();
  }
}
