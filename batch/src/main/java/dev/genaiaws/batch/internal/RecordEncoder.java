package dev.genaiaws.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.bedrock.internal.ConverseWire;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.CodecWire;
import dev.genaiaws.core.internal.GenerationRuntime;
import dev.genaiaws.core.internal.Wire;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Turns one request into a batch record's {@code modelInput}, through the same preparation step a
 * synchronous call takes ({@link Wire#encode}: codec resolved, client defaults merged, parameters
 * checked, encoded): the family's InvokeModel body, or the Converse request body for Converse jobs.
 * Refuses what a batch cannot carry: tool use and structured output, provisioned-throughput models,
 * requests for another model than the job's. Internal.
 */
public final class RecordEncoder {
  /**
   * Top-level body fields that mean tool use or structured output, which batch inference refuses.
   */
  private static final Set<String> NOT_IN_BATCH =
      Set.of(
          "tools",
          "tool_choice",
          "toolConfig",
          "toolChoice",
          "response_format",
          "responseFormat",
          "output_format",
          "outputConfig");

  private RecordEncoder() {}

  /** Refuses model ids batch inference cannot run, before anything is encoded or written. */
  public static void checkModel(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains(":provisioned-model/")) {
      throw new InvalidRequestException(
          "batch inference cannot run on provisioned throughput ('"
              + modelId
              + "'): submit the job with the base model id or a cross-Region inference profile id instead");
    }
  }

  /** The generation codec for the job's model. */
  public static CodecRegistry.Resolution<ModelCodec> resolve(
      CodecRegistry<ModelCodec> codecs, String modelId, @Nullable ModelFamily family) {
    checkModel(modelId);
    return codecs.resolve(modelId, family);
  }

  /**
   * The record encoder of a job's generation requests.
   *
   * @param provider {@code bedrock} or {@code sagemaker}, for the wire's messages
   * @param codecs the family codecs (Bedrock's, or the SageMaker format's alone)
   * @param family the family to use whatever the model id says, or {@code null} to resolve it from
   *     the id
   * @param jobModelId the job's model: every request must name it, or {@code null} to take each
   *     request's own
   * @param converse whether records are Converse request bodies (Bedrock {@code Converse} jobs)
   */
  @NullUnmarked // nullness not yet annotated (runtime Settings and wires built without clients):
  // see decisions.md, "Build gates"
  public static Function<GenerationRequest, byte[]> generation(
      String provider,
      CodecRegistry<ModelCodec> codecs,
      ModelFamily family,
      String jobModelId,
      boolean converse,
      UnsupportedParameterPolicy policy) {
    GenerationRuntime.Settings settings =
        new GenerationRuntime.Settings(provider, codecs, family, null, policy, null, null, null);
    // the body without a real-time call's size limit: a batch record has its own (the file size
    // quota)
    Wire wire = converse ? new ConverseWire(settings, null, null) : new CodecWire(settings, null);
    return r -> checkBody(wire.encode(checked(r, jobModelId)));
  }

  /**
   * The request, after the checks that come before encoding: the job's model, nothing a batch
   * refuses.
   */
  private static GenerationRequest checked(GenerationRequest request, String jobModelId) {
    if (jobModelId != null) {
      sameModel(request.modelId(), jobModelId);
    }
    if (request.toolConfig() != null || request.responseFormat() != null) {
      throw new InvalidRequestException(
          "batch inference does not support tool use or structured output:"
              + " run such requests with generate()");
    }
    return request;
  }

  /**
   * The model input of one embedding request (all its texts must fit in one call of the model).
   *
   * @param jobModelId the job's model, which the request must name, or {@code null} to take the
   *     request's own
   */
  public static byte[] encode(
      EmbeddingRequest request, String jobModelId, CodecRegistry.Resolution<EmbeddingCodec> codec) {
    if (jobModelId != null) {
      sameModel(request.modelId(), jobModelId);
    }
    EmbeddingCodec c = codec.codec();
    int max = c.maxBatchSize(codec.baseModelId());
    if (request.texts().size() > max) {
      throw new InvalidRequestException(
          "an embedding record carries one model call, at most "
              + max
              + " texts for "
              + codec.baseModelId()
              + ", but the request has "
              + request.texts().size()
              + ": submit one request per text (or per "
              + max
              + " texts)");
    }
    return checkBody(c.encode(request, List.copyOf(request.texts()), codec.baseModelId()));
  }

  private static void sameModel(String requested, String job) {
    if (!requested.equals(job)) {
      throw new InvalidRequestException(
          "a batch job runs one model ('"
              + job
              + "') but a request names '"
              + requested
              + "': submit a job per model");
    }
  }

  /** Refuses tool use and structured output; keeps the body on one line (JSONL). */
  private static byte[] checkBody(byte[] body) {
    JsonNode node;
    try {
      node = CodecJson.parse(body);
    } catch (IOException e) {
      throw new InvalidRequestException(
          "the codec wrote a model input that is not JSON: " + e.getMessage(), e);
    }
    for (String field : NOT_IN_BATCH) {
      if (node.has(field)) {
        throw new InvalidRequestException(
            "batch inference does not support tool use or structured output,"
                + " but the model input has '"
                + field
                + "': run such requests with generate()");
      }
    }
    for (byte b : body) {
      if (b == '\n' || b == '\r') {
        try {
          return CodecJson.toJsonBytes(node);
        } catch (IOException e) {
          throw new InvalidRequestException(
              "could not write the model input on one line: " + e.getMessage(), e);
        }
      }
    }
    return body;
  }
}
