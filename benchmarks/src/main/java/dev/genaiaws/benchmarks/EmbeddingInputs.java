package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.testkit.BedrockEmulator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * What the embedding codec benchmarks feed a family: one 20-word text, and the emulator's answer.
 */
final class EmbeddingInputs {
  final EmbeddingCodec codec;
  final String modelId;
  final EmbeddingRequest request;
  final List<String> batch;
  final byte[] responseBody;

  private EmbeddingInputs(
      EmbeddingCodec codec, String modelId, EmbeddingRequest request, byte[] responseBody) {
    this.codec = codec;
    this.modelId = modelId;
    this.request = request;
    this.batch = request.texts();
    this.responseBody = responseBody;
  }

  void save(java.nio.file.Path dir, String familyName) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir.resolve(familyName));
    java.nio.file.Files.write(dir.resolve(familyName).resolve("response.bin"), responseBody);
  }

  static Map<String, String> families() {
    return CodecInputs.families(BedrockCodecs.embeddingRegistry());
  }

  static EmbeddingInputs of(String familyName) {
    String modelId = families().get(familyName);
    if (modelId == null) {
      throw new IllegalArgumentException("no sample model id for family " + familyName);
    }
    CodecRegistry.Resolution<EmbeddingCodec> resolution =
        BedrockCodecs.embeddingRegistry().resolve(modelId);
    EmbeddingCodec codec = resolution.codec();
    EmbeddingRequest request =
        EmbeddingRequest.builder().modelId(modelId).text(Workload.Size.SMALL.prompt).build();
    String dir = System.getProperty(CodecInputs.DIR_PROPERTY);
    if (dir != null) {
      try {
        byte[] body =
            java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of(dir, familyName, "response.bin"));
        return new EmbeddingInputs(codec, resolution.baseModelId(), request, body);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    try (BedrockEmulator emulator = BedrockEmulator.start();
        BedrockRuntimeClient raw = Workload.rawSync(emulator.endpoint())) {
      byte[] body =
          raw.invokeModel(
                  b ->
                      b.modelId(modelId)
                          .contentType("application/json")
                          .accept("application/json")
                          .body(
                              SdkBytes.fromByteArray(
                                  codec.encode(
                                      request, request.texts(), resolution.baseModelId()))))
              .body()
              .asByteArray();
      return new EmbeddingInputs(codec, resolution.baseModelId(), request, body);
    }
  }
}
