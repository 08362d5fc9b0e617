package dev.genaiaws.testkit.internal.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.EventStreams;
import dev.genaiaws.testkit.internal.Exchange;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Paths;
import dev.genaiaws.testkit.internal.Script;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.NullUnmarked;

/** Routes and answers SageMaker Runtime requests: real-time, response stream and async. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerService {
  private static final Set<String> OPERATIONS =
      Set.of("invocations", "invocations-response-stream", "async-invocations");
  private static final String ERROR_TYPE_SUFFIX =
      ":http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/";
  private static final String ACCOUNT = "123456789012";

  /**
   * A registered endpoint.
   *
   * @param name the endpoint name
   * @param model the container behind it
   * @param variants its production variants (the first answers by default)
   */
  public record Endpoint(String name, ContainerModel model, List<String> variants) {
    public Endpoint {
      variants = List.copyOf(variants);
    }
  }

  private final EmulatorState state;
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final PayloadSplitter splitter;
  private final AsyncInference async;
  private final S3Location asyncOutput;
  private final S3Location asyncFailure;

  /**
   * A service.
   *
   * @param asyncOutput where async outputs go, or {@code null} for {@code async-output/} in the
   *     input's bucket
   * @param asyncFailure where async failures go, or {@code null} for {@code async-failures/} in the
   *     input's bucket
   * @param async the async executor, or {@code null} when no S3 endpoint was given
   */
  public SageMakerService(
      EmulatorState state,
      PayloadSplitter splitter,
      AsyncInference async,
      S3Location asyncOutput,
      S3Location asyncFailure) {
    this.state = state;
    this.splitter = splitter;
    this.async = async;
    this.asyncOutput = asyncOutput;
    this.asyncFailure = asyncFailure;
  }

  /** The container behind an endpoint, or {@code null} when there is none of that name. */
  public ContainerModel model(String endpointName) {
    Endpoint e = endpoints.get(endpointName);
    return e == null ? null : e.model();
  }

  /** Registers (or replaces) an endpoint. */
  public void register(Endpoint endpoint) {
    endpoints.put(endpoint.name(), endpoint);
  }

  /** Handles one exchange, generating text in the emulator's {@link EmulatorState#textStyle()}. */
  @SuppressWarnings(
      "try") // the scope only sets this thread's text style; the body need not name it
  public void handle(Exchange ex) throws IOException {
    try (TextGenerator.Scope ignored = TextGenerator.use(state.textStyle())) {
      route(ex);
    }
  }

  private void route(Exchange ex) throws IOException {
    String[] seg = ex.rawPath().split("/", -1);
    String op = seg.length == 4 ? seg[3] : "";
    String name = seg.length == 4 ? Paths.decode(seg[2]) : null;
    state.record(
        new RecordedRequest(
            ex.method(), ex.rawPath(), op, name, ex.headers(), ex.body(), Instant.now()));
    if (seg.length != 4
        || !seg[1].equals("endpoints")
        || !OPERATIONS.contains(op)
        || !"POST".equals(ex.method())) {
      error(
          ex,
          404,
          "UnknownOperationException",
          Json.object().put("Message", "Unknown operation " + ex.method() + " " + ex.rawPath()));
      return;
    }
    boolean streaming = op.equals("invocations-response-stream");
    Fault inStream = null;
    Script script = state.next(name);
    if (script != null && script.cannedBody() != null) {
      if (streaming) {
        ex.startStream();
        for (byte[] part : splitter.split(script.cannedBody())) {
          ex.writeEvent(EventStreams.event("PayloadPart", "application/octet-stream", part));
        }
        ex.finish();
      } else {
        ex.respond(200, "application/json", script.cannedBody());
      }
      return;
    }
    if (script != null) {
      Fault f = script.fault();
      switch (f.kind()) {
        case DROP_CONNECTION -> {
          ex.drop();
          return;
        }
        case DELAY -> pause(f);
        case ERROR -> {
          fault(ex, f, name);
          return;
        }
        case IN_STREAM -> {
          if (!streaming) {
            fault(ex, f, name);
            return;
          }
          inStream = f;
        }
        default -> throw new IllegalStateException(f.toString());
      }
    }
    Endpoint endpoint = endpoints.get(name);
    if (endpoint == null) {
      validation(ex, "Endpoint " + name + " of account " + ACCOUNT + " not found.");
      return;
    }
    String variant = ex.header("X-Amzn-SageMaker-Target-Variant");
    if (variant != null && !endpoint.variants().contains(variant)) {
      validation(ex, "Variant " + variant + " not found for endpoint " + name + ".");
      return;
    }
    String invoked = variant != null ? variant : endpoint.variants().get(0);
    switch (op) {
      case "invocations" -> invoke(ex, endpoint, invoked);
      case "invocations-response-stream" -> stream(ex, endpoint, invoked, inStream);
      default -> asyncInvoke(ex, endpoint);
    }
  }

  private void echoHeaders(Exchange ex, String variant) {
    ex.header("x-Amzn-Invoked-Production-Variant", variant);
    String attrs = ex.header("X-Amzn-SageMaker-Custom-Attributes");
    if (attrs != null) {
      ex.header("X-Amzn-SageMaker-Custom-Attributes", attrs);
    }
  }

  private void invoke(Exchange ex, Endpoint endpoint, String variant) throws IOException {
    ContainerModel.Response r;
    try {
      r = endpoint.model().invoke(ex.body());
    } catch (ContainerError e) {
      modelError(ex, endpoint.name(), e.status(), e.body());
      return;
    }
    echoHeaders(ex, variant);
    ex.respond(200, r.contentType(), r.body());
  }

  private void stream(Exchange ex, Endpoint endpoint, String variant, Fault inStream)
      throws IOException {
    if (!endpoint.model().streams()) {
      validation(
          ex,
          "Endpoint "
              + endpoint.name()
              + " of account "
              + ACCOUNT
              + " does not support response streaming: its container does not stream.");
      return;
    }
    ContainerModel.Response r;
    try {
      r = endpoint.model().stream(ex.body());
    } catch (ContainerError e) {
      modelError(ex, endpoint.name(), e.status(), e.body());
      return;
    }
    echoHeaders(ex, variant);
    ex.header("X-Amzn-SageMaker-Content-Type", r.contentType());
    ex.startStream();
    List<byte[]> parts = splitter.split(r.body());
    for (int i = 0; i < parts.size(); i++) {
      if (inStream != null && i == inStream.afterEvents()) {
        break;
      }
      ex.writeEvent(EventStreams.event("PayloadPart", "application/octet-stream", parts.get(i)));
    }
    if (inStream != null) {
      boolean internal = inStream.streamError() == Fault.StreamError.INTERNAL_SERVER;
      ObjectNode payload = Json.object().put("Message", inStream.message());
      if (!internal) {
        payload.put(
            "ErrorCode",
            inStream.streamError() == Fault.StreamError.MODEL_TIMEOUT
                ? "ModelInvocationTimeExceeded"
                : "StreamBroken");
      }
      ex.writeEvent(
          EventStreams.exception(
              internal ? "InternalStreamFailure" : "ModelStreamError", Json.bytes(payload)));
    }
    ex.finish();
  }

  private void asyncInvoke(Exchange ex, Endpoint endpoint) throws IOException {
    String input = ex.header("X-Amzn-SageMaker-InputLocation");
    S3Location in;
    try {
      in = S3Location.parse(input);
    } catch (IllegalArgumentException e) {
      validation(
          ex,
          "1 validation error detected: Value '"
              + input
              + "' at 'inputLocation' failed to satisfy "
              + "constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$");
      return;
    }
    if (async == null) {
      validation(
          ex,
          "Endpoint "
              + endpoint.name()
              + " is not configured for asynchronous inference: give the "
              + "emulator an S3 endpoint or client.");
      return;
    }
    String id = ex.header("X-Amzn-SageMaker-Inference-Id");
    if (id == null || id.isBlank()) {
      id = UUID.randomUUID().toString();
    }
    S3Location out =
        (asyncOutput != null ? asyncOutput : new S3Location(in.bucket(), "async-output"))
            .child(id + ".out");
    S3Location fail =
        (asyncFailure != null ? asyncFailure : new S3Location(in.bucket(), "async-failures"))
            .child(id + "-error.out");
    async.submit(id, endpoint.model(), in, out, fail, state.textStyle());
    ex.header("X-Amzn-SageMaker-OutputLocation", out.toString());
    ex.header("X-Amzn-SageMaker-FailureLocation", fail.toString());
    ex.respondJson(202, Json.object().put("InferenceId", id));
  }

  private static void pause(Fault f) {
    try {
      Thread.sleep(f.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void validation(Exchange ex, String message) throws IOException {
    error(ex, 400, "ValidationError", Json.object().put("Message", message));
  }

  private static void modelError(Exchange ex, String endpoint, int status, String original)
      throws IOException {
    String kind = status >= 500 ? "server" : "client";
    String message =
        "Received "
            + kind
            + " error ("
            + status
            + ") from primary with message \""
            + original
            + "\". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group="
            + "/aws/sagemaker/Endpoints/"
            + endpoint
            + " in account "
            + ACCOUNT
            + " for more information.";
    error(
        ex,
        424,
        "ModelError",
        Json.object()
            .put("ErrorCode", status >= 500 ? "SERVER_ERROR_FROM_MODEL" : "CLIENT_ERROR_FROM_MODEL")
            .put("Message", message)
            .put("OriginalStatusCode", status)
            .put("OriginalMessage", original)
            .put(
                "LogStreamArn",
                "arn:aws:logs:us-east-1:"
                    + ACCOUNT
                    + ":log-group:/aws/sagemaker/Endpoints/"
                    + endpoint));
  }

  private static void fault(Exchange ex, Fault f, String endpoint) throws IOException {
    switch (f.errorCode()) {
      case "ModelErrorException", "ModelStreamErrorException" ->
          modelError(
              ex,
              endpoint,
              f.originalStatusCode() == null ? 500 : f.originalStatusCode(),
              f.originalMessage() == null ? f.message() : f.originalMessage());
      case "ModelTimeoutException" -> modelError(ex, endpoint, 408, f.message());
      case "ValidationException" -> validation(ex, f.message());
      case "InternalServerException" ->
          error(ex, 500, "InternalFailure", Json.object().put("Message", f.message()));
      case "ServiceUnavailableException" ->
          error(ex, 503, "ServiceUnavailable", Json.object().put("Message", f.message()));
      default -> error(ex, f.status(), f.errorCode(), Json.object().put("Message", f.message()));
    }
  }

  private static void error(Exchange ex, int status, String code, ObjectNode body)
      throws IOException {
    ex.header("x-amzn-ErrorType", code + ERROR_TYPE_SUFFIX);
    ex.respond(status, "application/json", Json.bytes(body));
  }
}
