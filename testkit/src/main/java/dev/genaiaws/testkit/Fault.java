package dev.genaiaws.testkit;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Something that goes wrong on purpose, queued on an emulator for the next matching request.
 *
 * <p>Faults are consumed once each, first in first out, so "fail twice, then succeed" is just two
 * {@code enqueue} calls:
 *
 * <pre>{@code
 * bedrock.enqueue(Fault.throttling());                       // next request of any model: 429
 * bedrock.forModel("anthropic.claude-3-haiku-20240307-v1:0")
 *        .enqueue(Fault.serviceUnavailable());               // next request of that model: 503
 * bedrock.enqueue(Fault.inStream(Fault.StreamError.THROTTLING, 2)); // 2 chunks, then an exception event
 * bedrock.enqueue(Fault.delayFirstByte(Duration.ofMillis(300)));    // slow answer, otherwise normal
 * bedrock.enqueue(Fault.dropConnection());                  // socket closed, no response at all
 * }</pre>
 *
 * <p>Error codes and statuses are Bedrock's; the {@link SageMakerEmulator} renders the same fault
 * in SageMaker's vocabulary ({@code ModelError}, {@code ValidationError}, {@code InternalFailure},
 * {@code ServiceUnavailable}, {@code ModelNotReadyException}, in-stream {@code ModelStreamError}).
 * Instances are immutable.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class Fault {

  /** What a fault does. */
  public enum Kind {
    /** An HTTP error response (status, error type header, JSON body). */
    ERROR,
    /** A stream that delivers some events and then an exception event. */
    IN_STREAM,
    /** A delay before the first byte of an otherwise normal response. */
    DELAY,
    /** The connection is closed without any response. */
    DROP_CONNECTION
  }

  /** The exception events a streaming response can carry, with their union member names. */
  public enum StreamError {
    /** {@code throttlingException} (429). */
    THROTTLING(
        "throttlingException",
        "ThrottlingException",
        429,
        "Too many requests, please wait before trying again."),
    /** {@code internalServerException} (500); SageMaker: {@code InternalStreamFailure}. */
    INTERNAL_SERVER(
        "internalServerException",
        "InternalServerException",
        500,
        "The server encountered an internal error while processing the request."),
    /** {@code modelStreamErrorException} (424); SageMaker: {@code ModelStreamError}. */
    MODEL_STREAM_ERROR(
        "modelStreamErrorException",
        "ModelStreamErrorException",
        424,
        "The model stream was interrupted."),
    /** {@code validationException} (400). */
    VALIDATION(
        "validationException",
        "ValidationException",
        400,
        "The input violated a constraint while streaming."),
    /** {@code modelTimeoutException} (408). */
    MODEL_TIMEOUT(
        "modelTimeoutException",
        "ModelTimeoutException",
        408,
        "Model has timed out in processing the request. Try your request again."),
    /** {@code serviceUnavailableException} (503). */
    SERVICE_UNAVAILABLE(
        "serviceUnavailableException",
        "ServiceUnavailableException",
        503,
        "Bedrock is unable to process your request.");

    private final String memberName;
    private final String errorCode;
    private final int status;
    private final String defaultMessage;

    StreamError(String memberName, String errorCode, int status, String defaultMessage) {
      this.memberName = memberName;
      this.errorCode = errorCode;
      this.status = status;
      this.defaultMessage = defaultMessage;
    }

    /**
     * The event-stream union member name sent in {@code :exception-type}, e.g. {@code
     * throttlingException}.
     */
    public String memberName() {
      return memberName;
    }

    /** The matching HTTP error code, e.g. {@code ThrottlingException}. */
    public String errorCode() {
      return errorCode;
    }

    /** The matching HTTP status. */
    public int status() {
      return status;
    }

    String defaultMessage() {
      return defaultMessage;
    }
  }

  private final Kind kind;
  private final int status;
  private final String errorCode;
  private final String message;
  private final StreamError streamError;
  private final int afterEvents;
  private final Duration delay;
  private final Integer originalStatusCode;
  private final String originalMessage;

  private Fault(
      Kind kind,
      int status,
      @Nullable String errorCode,
      @Nullable String message,
      @Nullable StreamError streamError,
      int afterEvents,
      Duration delay,
      @Nullable Integer originalStatusCode,
      @Nullable String originalMessage) {
    this.kind = kind;
    this.status = status;
    this.errorCode = errorCode;
    this.message = message;
    this.streamError = streamError;
    this.afterEvents = afterEvents;
    this.delay = delay;
    this.originalStatusCode = originalStatusCode;
    this.originalMessage = originalMessage;
  }

  private static Fault error(
      int status,
      String code,
      String message,
      @Nullable Integer original,
      @Nullable String originalMessage) {
    return new Fault(
        Kind.ERROR, status, code, message, null, 0, Duration.ZERO, original, originalMessage);
  }

  /**
   * Any error response: {@code status}, {@code x-amzn-ErrorType: code}, body {@code
   * {"message":...}}.
   */
  public static Fault error(int status, String errorCode, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be in [400, 599] but was " + status);
    }
    return error(
        status,
        Objects.requireNonNull(errorCode, "errorCode"),
        Objects.requireNonNull(message, "message"),
        null,
        null);
  }

  /** 429 {@code ThrottlingException}. */
  public static Fault throttling() {
    return error(
        429,
        "ThrottlingException",
        "Too many requests, please wait before trying again.",
        null,
        null);
  }

  /** 500 {@code InternalServerException} (SageMaker: {@code InternalFailure}). */
  public static Fault internalServer() {
    return error(
        500,
        "InternalServerException",
        "The server encountered an internal error while processing the request.",
        null,
        null);
  }

  /** 503 {@code ServiceUnavailableException} (SageMaker: {@code ServiceUnavailable}). */
  public static Fault serviceUnavailable() {
    return error(
        503,
        "ServiceUnavailableException",
        "Bedrock is unable to process your request.",
        null,
        null);
  }

  /** 408 {@code ModelTimeoutException}. */
  public static Fault modelTimeout() {
    return error(
        408,
        "ModelTimeoutException",
        "Model has timed out in processing the request. Try your request again.",
        null,
        null);
  }

  /** 429 {@code ModelNotReadyException} (the model is being loaded or scaled). */
  public static Fault modelNotReady() {
    return error(
        429,
        "ModelNotReadyException",
        "Model is not ready for inference. Wait and try your request again.",
        null,
        null);
  }

  /** 403 {@code AccessDeniedException}. */
  public static Fault accessDenied() {
    return error(
        403,
        "AccessDeniedException",
        "You don't have access to the model with the specified model ID.",
        null,
        null);
  }

  /** 404 {@code ResourceNotFoundException}. */
  public static Fault resourceNotFound() {
    return error(
        404, "ResourceNotFoundException", "The requested resource could not be found.", null, null);
  }

  /**
   * 424 {@code ModelErrorException} with {@code originalStatusCode} 500 (SageMaker: {@code
   * ModelError}).
   */
  public static Fault modelError() {
    return modelError(500, "Internal model error");
  }

  /**
   * 424 {@code ModelErrorException} / SageMaker {@code ModelError} with the model's own status and
   * message.
   */
  public static Fault modelError(int originalStatusCode, String originalMessage) {
    return error(
        424,
        "ModelErrorException",
        "Received error " + originalStatusCode + " from model.",
        originalStatusCode,
        Objects.requireNonNull(originalMessage, "originalMessage"));
  }

  /** 400 {@code ServiceQuotaExceededException}. */
  public static Fault serviceQuotaExceeded() {
    return error(
        400,
        "ServiceQuotaExceededException",
        "Your request exceeds the service quota for your account. You can view your quotas at "
            + "https://docs.aws.amazon.com/servicequotas/latest/userguide/gs-request-quota.html.",
        null,
        null);
  }

  /**
   * 400 {@code ValidationException} (SageMaker: {@code ValidationError}) with the given message.
   */
  public static Fault validation(String message) {
    return error(
        400, "ValidationException", Objects.requireNonNull(message, "message"), null, null);
  }

  /**
   * A streaming response that sends {@code afterEvents} normal events and then the exception event
   * {@code type}. On a non-streaming operation it acts as the matching HTTP error.
   */
  public static Fault inStream(StreamError type, int afterEvents) {
    Objects.requireNonNull(type, "type");
    if (afterEvents < 0) {
      throw new IllegalArgumentException("afterEvents must be >= 0 but was " + afterEvents);
    }
    return new Fault(
        Kind.IN_STREAM,
        type.status(),
        type.errorCode(),
        type.defaultMessage(),
        type,
        afterEvents,
        Duration.ZERO,
        type == StreamError.MODEL_STREAM_ERROR ? 500 : null,
        type == StreamError.MODEL_STREAM_ERROR ? "Model stream broken" : null);
  }

  /** Waits {@code delay} before sending the first byte; the response itself is normal. */
  public static Fault delayFirstByte(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0 but was " + delay);
    }
    return new Fault(Kind.DELAY, 200, null, null, null, 0, delay, null, null);
  }

  /** Closes the connection after reading the request, without sending any response. */
  public static Fault dropConnection() {
    return new Fault(Kind.DROP_CONNECTION, 0, null, null, null, 0, Duration.ZERO, null, null);
  }

  /** A copy with another message. */
  public Fault withMessage(String newMessage) {
    return new Fault(
        kind,
        status,
        errorCode,
        Objects.requireNonNull(newMessage, "newMessage"),
        streamError,
        afterEvents,
        delay,
        originalStatusCode,
        originalMessage);
  }

  /** What this fault does. */
  public Kind kind() {
    return kind;
  }

  /** HTTP status of an error fault (Bedrock's). */
  public int status() {
    return status;
  }

  /** Bedrock error code, e.g. {@code ThrottlingException}; {@code null} for delays and drops. */
  public String errorCode() {
    return errorCode;
  }

  /** The error message; {@code null} for delays and drops. */
  public String message() {
    return message;
  }

  /** The in-stream exception type, for {@link Kind#IN_STREAM}. */
  public StreamError streamError() {
    return streamError;
  }

  /** How many normal events precede the exception event, for {@link Kind#IN_STREAM}. */
  public int afterEvents() {
    return afterEvents;
  }

  /** The first-byte delay, for {@link Kind#DELAY}. */
  public Duration delay() {
    return delay;
  }

  /** The model's own status for model errors, else {@code null}. */
  public Integer originalStatusCode() {
    return originalStatusCode;
  }

  /** The model's own message for model errors, else {@code null}. */
  public String originalMessage() {
    return originalMessage;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ERROR -> "Fault[" + status + " " + errorCode + "]";
      case IN_STREAM -> "Fault[" + streamError.memberName() + " after " + afterEvents + " events]";
      case DELAY -> "Fault[delay " + delay.toMillis() + " ms]";
      case DROP_CONNECTION -> "Fault[drop connection]";
    };
  }
}
