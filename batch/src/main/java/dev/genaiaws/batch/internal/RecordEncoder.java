package dev.genaiaws.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one request into a batch record's {@code modelInput}: exactly the InvokeModel body the family's codec
 * writes for a synchronous call (defaults merged and parameters checked the same way), and refuses what a
 * batch cannot carry: tool use and structured output, provisioned-throughput models, requests for another
 * model than the job's. Internal.
 */
public final class RecordEncoder {
  /** Top-level body fields that mean tool use or structured output, which batch inference refuses. */
  private static final Set<String> NOT_IN_BATCH = Set.of("tools", "tool_choice", "toolConfig", "toolChoice",
      "response_format", "responseFormat", "output_format", "outputConfig");

  private RecordEncoder() {}

  /** Refuses model ids batch inference cannot run, before anything is encoded or written. */
  public static void checkModel(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains(":provisioned-model/")) {
      throw new InvalidRequestException("batch inference cannot run on provisioned throughput ('" + modelId
          + "'): submit the job with the base model id or a cross-Region inference profile id instead");
    }
  }

  /** The generation codec for the job's model. */
  public static CodecRegistry.Resolution<ModelCodec> resolve(CodecRegistry<ModelCodec> codecs, String modelId,
      ModelFamily family) {
    checkModel(modelId);
    return codecs.resolve(modelId, family);
  }

  /** The model input of one generation request. */
  public static byte[] encode(GenerationRequest request, String jobModelId,
      CodecRegistry.Resolution<ModelCodec> codec, UnsupportedParameterPolicy policy) {
    sameModel(request.modelId(), jobModelId);
    return encode(request, codec.codec(), codec.baseModelId(), policy);
  }

  /**
   * The body of one generation request for a codec, its parameters checked and merged as a synchronous call
   * does (also for SageMaker batch transform, whose records are the container's request bodies).
   */
  public static byte[] encode(GenerationRequest request, ModelCodec codec, String baseModelId,
      UnsupportedParameterPolicy policy) {
    var checked = codec.parameters(baseModelId).apply(request.inferenceConfig(), baseModelId, policy);
    GenerationRequest ready = checked == request.inferenceConfig() ? request : request.withInferenceConfig(checked);
    return checkBody(codec.encode(ready, baseModelId));
  }

  /** The model input of one embedding request (all its texts must fit in one call of the model). */
  public static byte[] encode(EmbeddingRequest request, String jobModelId,
      CodecRegistry.Resolution<EmbeddingCodec> codec) {
    sameModel(request.modelId(), jobModelId);
    EmbeddingCodec c = codec.codec();
    int max = c.maxBatchSize(codec.baseModelId());
    if (request.texts().size() > max) {
      throw new InvalidRequestException("an embedding record carries one model call, at most " + max
          + " texts for " + codec.baseModelId() + ", but the request has " + request.texts().size()
          + ": submit one request per text (or per " + max + " texts)");
    }
    return checkBody(c.encode(request, List.copyOf(request.texts()), codec.baseModelId()));
  }

  private static void sameModel(String requested, String job) {
    if (!requested.equals(job)) {
      throw new InvalidRequestException("a batch job runs one model ('" + job + "') but a request names '"
          + requested + "': submit a job per model");
    }
  }

  /** Refuses tool use and structured output; keeps the body on one line (JSONL). */
  private static byte[] checkBody(byte[] body) {
    JsonNode node;
    try {
      node = CodecJson.parse(body);
    } catch (IOException e) {
      throw new InvalidRequestException("the codec wrote a model input that is not JSON: " + e.getMessage(), e);
    }
    for (String field : NOT_IN_BATCH) {
      if (node.has(field)) {
        throw new InvalidRequestException("batch inference does not support tool use or structured output,"
            + " but the model input has '" + field + "': run such requests with generate()");
      }
    }
    for (byte b : body) {
      if (b == '\n' || b == '\r') {
        try {
          return CodecJson.toJsonBytes(node);
        } catch (IOException e) {
          throw new InvalidRequestException("could not write the model input on one line: " + e.getMessage(), e);
        }
      }
    }
    return body;
  }
}
