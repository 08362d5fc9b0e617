package dev.genaiaws.core.telemetry;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;

/**
 * How genai-aws calls are described in the OpenTelemetry semantic conventions for generative AI:
 * the attribute and metric names, and the values derived from a {@link CallInfo}. The OpenTelemetry
 * and Micrometer add-ons both describe calls through this class, so a dashboard reads the same
 * names whichever one a team uses.
 *
 * <p>Names follow the conventions' development status as of semantic conventions 1.37 (plus the
 * cache-token attributes added after it); they are kept here once, as strings, so that no add-on
 * depends on the incubating artifacts at run time.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class GenAiConventions {
  private GenAiConventions() {}

  public static final String OPERATION_NAME = "gen_ai.operation.name";
  public static final String PROVIDER_NAME = "gen_ai.provider.name";
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  public static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
  public static final String REQUEST_TEMPERATURE = "gen_ai.request.temperature";
  public static final String REQUEST_TOP_P = "gen_ai.request.top_p";
  public static final String REQUEST_TOP_K = "gen_ai.request.top_k";
  public static final String REQUEST_STOP_SEQUENCES = "gen_ai.request.stop_sequences";
  public static final String REQUEST_SEED = "gen_ai.request.seed";
  public static final String RESPONSE_MODEL = "gen_ai.response.model";
  public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  public static final String USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";
  public static final String USAGE_CACHE_CREATION_INPUT_TOKENS =
      "gen_ai.usage.cache_creation.input_tokens";
  public static final String OUTPUT_TYPE = "gen_ai.output.type";
  public static final String TOKEN_TYPE = "gen_ai.token.type";
  public static final String SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";
  public static final String INPUT_MESSAGES = "gen_ai.input.messages";
  public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
  public static final String ERROR_TYPE = "error.type";

  /** The AWS request id of the answer (quote it to AWS support). */
  public static final String AWS_REQUEST_ID = "aws.request_id";

  public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";
  public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";
  public static final String METRIC_TIME_TO_FIRST_CHUNK =
      "gen_ai.client.operation.time_to_first_chunk";

  public static final String OPERATION_CHAT = "chat";
  public static final String OPERATION_GENERATE_CONTENT = "generate_content";
  public static final String OPERATION_EMBEDDINGS = "embeddings";

  /** Finding passages in a knowledge base (a value of the newer conventions). */
  public static final String OPERATION_RETRIEVAL = "retrieval";

  /** Submitting a batch job (Bedrock batch inference, SageMaker batch transform): our own value. */
  public static final String OPERATION_CREATE_BATCH_JOB = "create_batch_job";

  public static final String TOKEN_TYPE_INPUT = "input";
  public static final String TOKEN_TYPE_OUTPUT = "output";

  /** The well-known provider value for Amazon Bedrock. */
  public static final String PROVIDER_BEDROCK = "aws.bedrock";

  /** Amazon SageMaker endpoints (not a well-known value of the conventions yet). */
  public static final String PROVIDER_SAGEMAKER = "aws.sagemaker";

  /** Explicit bucket boundaries the conventions advise for durations, in seconds (unmodifiable). */
  public static final List<Double> DURATION_BUCKETS =
      List.of(
          0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  /** Explicit bucket boundaries the conventions advise for token counts (unmodifiable). */
  public static final List<Long> TOKEN_BUCKETS =
      List.of(
          1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
          16777216L, 67108864L);

  /**
   * {@code embeddings} for embedding calls, {@code retrieval} for a knowledge-base {@code
   * retrieve}, {@code create_batch_job} for a batch job submission ({@code createBatchJob}), {@code
   * generate_content} for image models (a request with an image configuration), {@code chat} for
   * everything else: every genai-aws text request is a list of messages, and a knowledge-base
   * answer ({@code retrieveAndGenerate}) is a chat turn.
   */
  public static String operationName(CallInfo call) {
    if ("embed".equals(call.operation())) {
      return OPERATION_EMBEDDINGS;
    }
    if ("retrieve".equals(call.operation())) {
      return OPERATION_RETRIEVAL;
    }
    if ("createBatchJob".equals(call.operation())) {
      return OPERATION_CREATE_BATCH_JOB;
    }
    if (call.request() != null && call.request().imageConfig() != null) {
      return OPERATION_GENERATE_CONTENT;
    }
    return OPERATION_CHAT;
  }

  /** {@code aws.bedrock}, {@code aws.sagemaker}, or the client's own provider name for others. */
  public static String providerName(CallInfo call) {
    return switch (call.provider()) {
      case "bedrock" -> PROVIDER_BEDROCK;
      case "sagemaker" -> PROVIDER_SAGEMAKER;
      default -> call.provider();
    };
  }

  /** The span name: {@code "{operation} {model}"}. */
  public static String spanName(CallInfo call) {
    return operationName(call) + " " + call.modelId();
  }

  /**
   * {@code text} or {@code image}: what a call asks the model to produce ({@code null} for
   * embeddings, retrieval and batch jobs).
   */
  public static String outputType(CallInfo call) {
    String op = operationName(call);
    if (OPERATION_EMBEDDINGS.equals(op)
        || OPERATION_RETRIEVAL.equals(op)
        || OPERATION_CREATE_BATCH_JOB.equals(op)) {
      return null;
    }
    return OPERATION_GENERATE_CONTENT.equals(operationName(call)) ? "image" : "text";
  }

  /**
   * A low-cardinality error type: the service's error code when it sent one (e.g. {@code
   * ThrottlingException}), else the SDK exception's simple class name. Never the message, which may
   * quote content.
   */
  public static String errorType(GenAiException error) {
    if (error instanceof GenAiServiceException s
        && s.errorCode() != null
        && !s.errorCode().isBlank()) {
      return s.errorCode();
    }
    return error.getClass().getSimpleName();
  }

  /** The model's own stop reason when it gave one, else the neutral one in lower case. */
  public static String finishReason(StopReason stopReason, String rawStopReason) {
    if (rawStopReason != null && !rawStopReason.isBlank()) {
      return rawStopReason;
    }
    return stopReason == null ? null : stopReason.name().toLowerCase(Locale.ROOT);
  }
}
