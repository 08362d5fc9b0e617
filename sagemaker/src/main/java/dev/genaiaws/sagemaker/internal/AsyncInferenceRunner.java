package dev.genaiaws.sagemaker.internal;

import dev.genaiaws.aws.internal.S3Uri;
import dev.genaiaws.aws.internal.SdkErrors;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.Sleeper;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.internal.RetryExecutor;
import dev.genaiaws.sagemaker.AsyncInferenceFailedException;
import dev.genaiaws.sagemaker.AsyncInferenceHandle;
import dev.genaiaws.sagemaker.AsyncInferenceOptions;
import dev.genaiaws.sagemaker.SageMakerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;

/**
 * Asynchronous inference: upload the encoded input to S3, {@code InvokeEndpointAsync} with its
 * location, then look for the output or failure object (HEAD, then GET) with capped exponential
 * back-off until one exists or the time is up. The upload and the invocation run under the client's
 * retry policy; the checks run on a small thread pool this class owns (never the common pool), the
 * waits between them through a {@link Sleeper}. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class AsyncInferenceRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncInferenceRunner.class);
  private static final int FAILURE_TEXT_LIMIT = 2_000;
  static final String JSON = "application/json";

  private final SageMakerClients clients;
  private final RetryExecutor retry;
  private final Sleeper defaultSleeper;
  private volatile ExecutorService executor;
  private volatile boolean closed;

  public AsyncInferenceRunner(
      SageMakerClients clients, RetryExecutor retry, Sleeper defaultSleeper) {
    this.clients = clients;
    this.retry = retry;
    this.defaultSleeper = defaultSleeper;
  }

  private ExecutorService executor() {
    ExecutorService e = executor;
    if (e == null) {
      synchronized (this) {
        e = executor;
        if (e == null) {
          if (closed) {
            throw new GenAiClientException("the SageMakerGenerationClient is closed");
          }
          AtomicInteger n = new AtomicInteger();
          e =
              Executors.newCachedThreadPool(
                  r -> {
                    Thread t =
                        new Thread(r, "genai-sagemaker-async-inference-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                  });
          executor = e;
        }
      }
    }
    return e;
  }

  /**
   * Uploads, invokes and starts polling.
   *
   * @param request the request (endpoint name, options)
   * @param body the encoded body, already checked
   * @param codec the codec that decodes the output object
   */
  public AsyncInferenceHandle submit(
      GenerationRequest request, byte[] body, ModelCodec codec, AsyncInferenceOptions options) {
    long start = System.nanoTime();
    String endpoint = request.modelId();
    Optional<SageMakerOptions> sm = request.option(SageMakerOptions.class);
    String name = sm.map(SageMakerOptions::inferenceId).orElse(UUID.randomUUID().toString());
    S3Uri input = S3Uri.parse(options.inputLocation()).child(name + ".json");
    retry.execute(
        attempt -> {
          put(input, body, options.kmsKeyId());
          return null;
        },
        Long.MAX_VALUE,
        (n, e, d) -> LOG.debug("retrying the upload of {} in {}: {}", input, d, e.getMessage()));
    InvokeEndpointAsyncRequest.Builder b =
        InvokeEndpointAsyncRequest.builder()
            .endpointName(endpoint)
            .contentType(JSON)
            .accept(JSON)
            .inputLocation(input.toString());
    sm.ifPresent(o -> b.customAttributes(o.customAttributes()).inferenceId(o.inferenceId()));
    if (options.requestTtl() != null) {
      b.requestTTLSeconds((int) options.requestTtl().toSeconds());
    }
    if (options.invocationTimeout() != null) {
      b.invocationTimeoutSeconds((int) options.invocationTimeout().toSeconds());
    }
    InvokeEndpointAsyncRequest invokeRequest = b.build();
    int[] attempts = new int[1];
    InvokeEndpointAsyncResponse response =
        retry.execute(
            attempt -> {
              attempts[0] = attempt;
              try {
                return clients.sync().invokeEndpointAsync(invokeRequest);
              } catch (RuntimeException e) {
                throw SageMakerErrors.map(e, endpoint);
              }
            },
            Long.MAX_VALUE,
            (n, e, d) ->
                LOG.debug(
                    "retrying InvokeEndpointAsync on {} in {}: {}", endpoint, d, e.getMessage()));
    if (response.outputLocation() == null) {
      throw new GenAiServiceException(
          "SageMaker accepted asynchronous inference "
              + response.inferenceId()
              + " on endpoint "
              + endpoint
              + " but named no output location",
          new ServiceErrorDetails(
              0, null, response.responseMetadata().requestId(), SageMakerErrors.PROVIDER),
          null,
          false);
    }
    Poll poll =
        new Poll(
            endpoint,
            response.inferenceId(),
            input.toString(),
            response.outputLocation(),
            response.failureLocation(),
            response.responseMetadata().requestId(),
            attempts[0],
            request,
            codec,
            options,
            options.sleeper() != null ? options.sleeper() : defaultSleeper,
            start);
    CompletableFuture<GenerationResponse> result = poll.start();
    return new AsyncInferenceHandle(
        response.inferenceId(),
        input.toString(),
        response.outputLocation(),
        response.failureLocation(),
        result);
  }

  /**
   * Looks again for the result of an inference submitted earlier (after a timeout, or from another
   * process).
   *
   * @param request the request that was submitted (to pick and drive the codec)
   */
  public AsyncInferenceHandle resume(
      GenerationRequest request,
      ModelCodec codec,
      String inferenceId,
      String outputLocation,
      String failureLocation,
      AsyncInferenceOptions options) {
    Poll poll =
        new Poll(
            request.modelId(),
            inferenceId,
            null,
            outputLocation,
            failureLocation,
            null,
            1,
            request,
            codec,
            options,
            options.sleeper() != null ? options.sleeper() : defaultSleeper,
            System.nanoTime());
    return new AsyncInferenceHandle(
        inferenceId, null, outputLocation, failureLocation, poll.start());
  }

  private void put(S3Uri to, byte[] body, String kmsKeyId) {
    PutObjectRequest.Builder b =
        PutObjectRequest.builder().bucket(to.bucket()).key(to.key()).contentType(JSON);
    if (kmsKeyId != null) {
      b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
    }
    try {
      clients.s3().putObject(b.build(), RequestBody.fromBytes(body));
    } catch (RuntimeException e) {
      throw mapS3(
          e,
          "upload the input to " + to,
          "s3:PutObject" + (kmsKeyId == null ? "" : " and kms:GenerateDataKey"));
    }
  }

  /** S3 failures in S3's words; IO failures as usual. */
  static GenAiException mapS3(Throwable error, String action, String permission) {
    Throwable t = SdkErrors.unwrap(error);
    if (t instanceof SdkServiceException s) {
      String code =
          s instanceof AwsServiceException a && a.awsErrorDetails() != null
              ? a.awsErrorDetails().errorCode()
              : null;
      String msg =
          s instanceof AwsServiceException a && a.awsErrorDetails() != null
              ? a.awsErrorDetails().errorMessage()
              : s.getMessage();
      ServiceErrorDetails d =
          new ServiceErrorDetails(Math.max(0, s.statusCode()), code, s.requestId(), "s3");
      String text =
          "could not "
              + action
              + ": S3 answered "
              + s.statusCode()
              + (code == null ? "" : " " + code)
              + (msg == null ? "" : " (" + msg + ")");
      if (s.statusCode() == 403) {
        return new AccessDeniedException(text + ". The credentials need " + permission, d, s);
      }
      if (s.statusCode() == 503 || "SlowDown".equals(code)) {
        return new ThrottlingException(text + ". Retryable", d, s);
      }
      return new GenAiServiceException(text, d, s, s.statusCode() >= 500);
    }
    return SageMakerErrors.map(t, null);
  }

  @Override
  public void close() {
    ExecutorService e;
    synchronized (this) {
      closed = true;
      e = executor;
    }
    if (e != null) {
      e.shutdownNow();
    }
  }

  /** The polling of one inference. */
  private final class Poll {
    private final String endpoint;
    private final String inferenceId;
    private final String input;
    private final S3Uri output;
    private final @Nullable S3Uri failure;
    private final String requestId;
    private final int attempts;
    private final GenerationRequest request;
    private final ModelCodec codec;
    private final AsyncInferenceOptions options;
    private final Sleeper sleeper;
    private final long start;
    private final CompletableFuture<GenerationResponse> result = new CompletableFuture<>();

    Poll(
        String endpoint,
        String inferenceId,
        String input,
        String output,
        String failure,
        String requestId,
        int attempts,
        GenerationRequest request,
        ModelCodec codec,
        AsyncInferenceOptions options,
        Sleeper sleeper,
        long start) {
      this.endpoint = endpoint;
      this.inferenceId = inferenceId;
      this.input = input;
      this.output = S3Uri.parse(output);
      this.failure = failure == null ? null : S3Uri.parse(failure);
      this.requestId = requestId;
      this.attempts = attempts;
      this.request = request;
      this.codec = codec;
      this.options = options;
      this.sleeper = sleeper;
      this.start = start;
    }

    CompletableFuture<GenerationResponse> start() {
      schedule(options.initialPollDelay(), Duration.ZERO);
      return result;
    }

    private void schedule(Duration delay, Duration waited) {
      if (result.isDone()) {
        return;
      }
      Duration left = options.timeout().minus(waited);
      Duration wait = delay.compareTo(left) > 0 ? left : delay;
      Duration total = waited.plus(wait);
      CompletableFuture<Void> timer;
      try {
        timer = sleeper.delay(wait);
      } catch (RuntimeException e) {
        result.completeExceptionally(
            new GenAiClientException(
                "could not wait for asynchronous inference " + inferenceId + ": " + e, e));
        return;
      }
      var unused =
          timer.whenComplete(
              (v, e) -> {
                if (e != null) {
                  result.completeExceptionally(
                      new GenAiClientException(
                          "the wait for asynchronous inference "
                              + inferenceId
                              + " was interrupted: "
                              + e,
                          e));
                  return;
                }
                try {
                  executor().execute(() -> check(delay, total));
                } catch (RuntimeException rejected) {
                  result.completeExceptionally(
                      new GenAiClientException(
                          "the client was closed while waiting for"
                              + " asynchronous inference "
                              + inferenceId
                              + "; its output will appear at "
                              + output,
                          rejected));
                }
              });
    }

    private void check(Duration delay, Duration waited) {
      if (result.isDone()) {
        return;
      }
      try {
        if (exists(output)) {
          result.complete(decode(get(output)));
          return;
        }
        if (failure != null && exists(failure)) {
          result.completeExceptionally(failed(get(failure)));
          return;
        }
      } catch (GenAiException e) {
        if (!e.retryable()) {
          result.completeExceptionally(e);
          return;
        }
        LOG.debug(
            "checking asynchronous inference {} failed, will look again: {}",
            inferenceId,
            e.getMessage());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      if (waited.compareTo(options.timeout()) >= 0) {
        result.completeExceptionally(
            new GenAiClientException(
                "asynchronous inference "
                    + inferenceId
                    + " on endpoint "
                    + endpoint
                    + " wrote no result within "
                    + options.timeout()
                    + "; it may still be running: look for the output at "
                    + output
                    + (failure == null ? "" : " (or a failure at " + failure + ")")
                    + " later, or raise the timeout",
                null,
                false));
        return;
      }
      Duration next = delay.multipliedBy(2);
      schedule(next.compareTo(options.maxPollDelay()) > 0 ? options.maxPollDelay() : next, waited);
    }

    private boolean exists(S3Uri uri) {
      try {
        clients
            .s3()
            .headObject(HeadObjectRequest.builder().bucket(uri.bucket()).key(uri.key()).build());
        return true;
      } catch (NoSuchKeyException e) {
        return false;
      } catch (SdkServiceException e) {
        if (e.statusCode() == 404) {
          return false;
        }
        throw mapS3(
            e, "look for " + uri, "s3:GetObject (HEAD) on the endpoint's output and failure paths");
      } catch (RuntimeException e) {
        throw mapS3(e, "look for " + uri, "s3:GetObject");
      }
    }

    private byte[] get(S3Uri uri) {
      try {
        return clients
            .s3()
            .getObjectAsBytes(
                GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key()).build())
            .asByteArray();
      } catch (RuntimeException e) {
        throw mapS3(e, "read " + uri, "s3:GetObject on the endpoint's output and failure paths");
      }
    }

    private GenerationResponse decode(byte[] answer) {
      GenerationResponse decoded;
      try {
        decoded = codec.decode(answer, request);
      } catch (GenAiException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CodecException(
            "could not read the output of asynchronous inference "
                + inferenceId
                + " at "
                + output
                + " as "
                + codec.family()
                + ": "
                + e,
            e);
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("inferenceId", inferenceId);
      if (input != null) {
        attributes.put("inputLocation", input);
      }
      attributes.put("outputLocation", output.toString());
      ResponseMetadata md =
          new ResponseMetadata(
              requestId,
              endpoint,
              Duration.ofNanos(System.nanoTime() - start),
              attempts,
              attributes);
      return decoded.withMetadata(md);
    }

    private AsyncInferenceFailedException failed(byte[] failureBody) {
      String text = new String(failureBody, StandardCharsets.UTF_8).strip();
      if (text.length() > FAILURE_TEXT_LIMIT) {
        text = text.substring(0, FAILURE_TEXT_LIMIT) + "...";
      }
      return new AsyncInferenceFailedException(
          "asynchronous inference "
              + inferenceId
              + " on endpoint "
              + endpoint
              + " failed: "
              + text
              + " (failure object "
              + failure
              + ")",
          new ServiceErrorDetails(0, "AsyncInferenceFailed", requestId, SageMakerErrors.PROVIDER),
          inferenceId,
          failure.toString(),
          text);
    }
  }
}
