package dev.genaiaws.testkit.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.Exchange;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.sagemaker.ContainerError;
import dev.genaiaws.testkit.internal.sagemaker.ContainerModel;
import dev.genaiaws.testkit.internal.sagemaker.S3Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The SageMaker control-plane calls of batch transform, in the service's JSON 1.1 protocol ({@code
 * POST /} with {@code X-Amz-Target: SageMaker.<Operation>}): {@code CreateTransformJob}, {@code
 * DescribeTransformJob}, {@code StopTransformJob}, {@code ListTransformJobs}, and the {@code
 * DescribeEndpoint} / {@code DescribeEndpointConfig} needed to find an endpoint's model (each
 * emulated endpoint runs the model of the same name). Each {@code DescribeTransformJob} moves a job
 * one step: {@code InProgress}, then the whole input is transformed line by line with the
 * endpoint's container ({@code SplitType=Line}, one output line per input line, in order, into
 * {@code <output>/<input file>.out}) and the job ends {@code Completed}, or {@code Failed} when the
 * container refuses a record (as SageMaker does). Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class TransformJobsService {
  private static final String PREFIX = "SageMaker.";
  private static final String ACCOUNT = "123456789012";

  /** One emulated transform job. */
  private static final class Run {
    final ObjectNode request;
    final Instant created = Instant.now();
    String status = "InProgress";
    String failure;
    Instant ended;
    int polls;
    boolean stopSeen;

    Run(ObjectNode request) {
      this.request = request;
    }
  }

  private final EmulatorState state;
  private final Function<String, ContainerModel> models;
  private final Supplier<S3Client> s3;
  private final Map<String, Run> jobs = new LinkedHashMap<>();

  /**
   * @param models the container of an endpoint/model name, or {@code null} when unknown
   * @param s3 where jobs read and write, or {@code null} when the emulator has no S3
   */
  public TransformJobsService(
      EmulatorState state, Function<String, ContainerModel> models, Supplier<S3Client> s3) {
    this.state = state;
    this.models = models;
    this.s3 = s3;
  }

  /** Whether the request is a SageMaker control-plane call ({@code X-Amz-Target: SageMaker.*}). */
  public static boolean handles(Exchange ex) {
    String target = ex.header("X-Amz-Target");
    return "POST".equals(ex.method())
        && "/".equals(ex.rawPath())
        && target != null
        && target.startsWith(PREFIX);
  }

  /** Handles one exchange. */
  public void handle(Exchange ex) throws IOException {
    String op = ex.header("X-Amz-Target").substring(PREFIX.length());
    JsonNode body;
    try {
      body = Json.parse(ex.body());
    } catch (IOException e) {
      error(ex, "SerializationException", "Malformed request body.");
      return;
    }
    state.record(
        new RecordedRequest(
            ex.method(),
            ex.rawPath(),
            op,
            body.path("TransformJobName").asText(null),
            ex.headers(),
            ex.body(),
            Instant.now()));
    try {
      switch (op) {
        case "CreateTransformJob" -> create(ex, body);
        case "DescribeTransformJob" -> describe(ex, body.path("TransformJobName").asText(""));
        case "StopTransformJob" -> stop(ex, body.path("TransformJobName").asText(""));
        case "ListTransformJobs" -> list(ex);
        case "DescribeEndpoint" -> describeEndpoint(ex, body.path("EndpointName").asText(""));
        case "DescribeEndpointConfig" ->
            describeEndpointConfig(ex, body.path("EndpointConfigName").asText(""));
        default -> error(ex, "UnknownOperationException", "Unknown operation " + op);
      }
    } catch (RuntimeException e) {
      ex.header("x-amzn-ErrorType", "InternalFailure");
      ex.respond(
          500,
          "application/x-amz-json-1.1",
          Json.bytes(
              Json.object()
                  .put("__type", "InternalFailure")
                  .put("message", "The emulator failed: " + e)));
    }
  }

  private void create(Exchange ex, JsonNode b) throws IOException {
    String name = b.path("TransformJobName").asText("");
    if (!name.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
      error(
          ex,
          "ValidationException",
          "1 validation error detected: Value '"
              + name
              + "' at 'transformJobName'"
              + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
      return;
    }
    if (models.apply(b.path("ModelName").asText("")) == null) {
      error(
          ex,
          "ValidationException",
          "Could not find model \"arn:aws:sagemaker:us-east-1:"
              + ACCOUNT
              + ":model/"
              + b.path("ModelName").asText("")
              + "\".");
      return;
    }
    if (!b.path("TransformInput")
            .path("DataSource")
            .path("S3DataSource")
            .path("S3Uri")
            .asText("")
            .startsWith("s3://")
        || !b.path("TransformOutput").path("S3OutputPath").asText("").startsWith("s3://")) {
      error(
          ex,
          "ValidationException",
          "TransformInput.DataSource.S3DataSource.S3Uri and"
              + " TransformOutput.S3OutputPath must be s3:// URIs.");
      return;
    }
    for (String at : List.of("TransformOutput.KmsKeyId", "TransformResources.VolumeKmsKeyId")) {
      JsonNode key =
          b.path(at.substring(0, at.indexOf('.'))).get(at.substring(at.indexOf('.') + 1));
      if (key != null
          && (key.asText().length() > 2048 || !key.asText().matches("[a-zA-Z0-9:/_-]*"))) {
        error(
            ex,
            "ValidationException",
            "1 validation error detected: Value '"
                + key.asText()
                + "' at '"
                + Character.toLowerCase(at.charAt(0))
                + at.substring(1)
                + "' failed to satisfy constraint: Member must"
                + " satisfy regular expression pattern: [a-zA-Z0-9:/_-]*");
        return;
      }
    }
    synchronized (this) {
      if (jobs.containsKey(name)) {
        error(ex, "ResourceInUse", "Job with name " + name + " already exists.");
        return;
      }
      jobs.put(name, new Run((ObjectNode) b.deepCopy()));
    }
    ex.respond(
        200,
        "application/x-amz-json-1.1",
        Json.bytes(Json.object().put("TransformJobArn", arn(name))));
  }

  private void describe(Exchange ex, String name) throws IOException {
    ObjectNode json;
    synchronized (this) {
      Run run = jobs.get(name);
      if (run == null) {
        error(ex, "ValidationException", "Could not find job to update with name " + name);
        return;
      }
      advance(name, run);
      json = describe(name, run);
    }
    ex.respond(200, "application/x-amz-json-1.1", Json.bytes(json));
  }

  private void stop(Exchange ex, String name) throws IOException {
    synchronized (this) {
      Run run = jobs.get(name);
      if (run == null) {
        error(ex, "ValidationException", "Could not find job to update with name " + name);
        return;
      }
      if (!run.status.equals("InProgress")) {
        error(
            ex,
            "ValidationException",
            "Job " + name + " is not in progress (status " + run.status + ").");
        return;
      }
      run.status = "Stopping";
    }
    ex.respond(200, "application/x-amz-json-1.1", Json.bytes(Json.object()));
  }

  private void list(Exchange ex) throws IOException {
    ObjectNode out = Json.object();
    ArrayNode summaries = out.putArray("TransformJobSummaries");
    synchronized (this) {
      List<String> names = new ArrayList<>(jobs.keySet());
      java.util.Collections.reverse(names);
      for (String name : names) {
        Run run = jobs.get(name);
        summaries
            .addObject()
            .put("TransformJobName", name)
            .put("TransformJobArn", arn(name))
            .put("CreationTime", seconds(run.created))
            .put("TransformJobStatus", run.status);
      }
    }
    ex.respond(200, "application/x-amz-json-1.1", Json.bytes(out));
  }

  private void describeEndpoint(Exchange ex, String name) throws IOException {
    if (models.apply(name) == null) {
      error(
          ex,
          "ValidationException",
          "Could not find endpoint \"arn:aws:sagemaker:us-east-1:"
              + ACCOUNT
              + ":endpoint/"
              + name
              + "\".");
      return;
    }
    ex.respond(
        200,
        "application/x-amz-json-1.1",
        Json.bytes(
            Json.object()
                .put("EndpointName", name)
                .put("EndpointArn", "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":endpoint/" + name)
                .put("EndpointConfigName", name)
                .put("EndpointStatus", "InService")
                .put("CreationTime", seconds(Instant.EPOCH))
                .put("LastModifiedTime", seconds(Instant.EPOCH))));
  }

  private void describeEndpointConfig(Exchange ex, String name) throws IOException {
    if (models.apply(name) == null) {
      error(
          ex,
          "ValidationException",
          "Could not find endpoint configuration \"arn:aws:sagemaker:us-east-1:"
              + ACCOUNT
              + ":endpoint-config/"
              + name
              + "\".");
      return;
    }
    ObjectNode out =
        Json.object()
            .put("EndpointConfigName", name)
            .put(
                "EndpointConfigArn",
                "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":endpoint-config/" + name)
            .put("CreationTime", seconds(Instant.EPOCH));
    out.putArray("ProductionVariants")
        .addObject()
        .put("VariantName", "AllTraffic")
        .put("ModelName", name)
        .put("InitialInstanceCount", 1)
        .put("InstanceType", "ml.g5.2xlarge");
    ex.respond(200, "application/x-amz-json-1.1", Json.bytes(out));
  }

  @SuppressWarnings("UnusedVariable") // the job name keeps call sites readable
  private void advance(String name, Run run) {
    run.polls++;
    if (run.status.equals("Stopping")) {
      if (run.stopSeen) {
        run.status = "Stopped";
        run.ended = Instant.now();
      } else {
        run.stopSeen = true;
      }
      return;
    }
    if (!run.status.equals("InProgress") || run.polls < 2) {
      return;
    }
    run.failure = transform(run);
    run.status = run.failure == null ? "Completed" : "Failed";
    run.ended = Instant.now();
  }

  /** Transforms every input file; returns the failure reason, or null. */
  private String transform(Run run) {
    if (s3 == null) {
      return "ClientError: the emulator has no S3 (build it with s3Endpoint or s3Client)";
    }
    S3Client client = s3.get();
    ContainerModel model = models.apply(run.request.path("ModelName").asText());
    S3Location in =
        S3Location.parse(
            run.request
                .path("TransformInput")
                .path("DataSource")
                .path("S3DataSource")
                .path("S3Uri")
                .asText());
    S3Location out =
        S3Location.parse(run.request.path("TransformOutput").path("S3OutputPath").asText());
    boolean lines =
        "Line".equals(run.request.path("TransformInput").path("SplitType").asText("None"));
    List<String> keys = new ArrayList<>();
    for (S3Object o :
        client.listObjectsV2Paginator(b -> b.bucket(in.bucket()).prefix(in.key())).contents()) {
      if (!o.key().endsWith("/")) {
        keys.add(o.key());
      }
    }
    if (keys.isEmpty()) {
      return "ClientError: No S3 objects found under S3 URL \""
          + in
          + "\" given in input data source.";
    }
    for (String key : keys) {
      byte[] data = client.getObjectAsBytes(b -> b.bucket(in.bucket()).key(key)).asByteArray();
      List<byte[]> records = new ArrayList<>();
      if (lines) {
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            records.add(line.getBytes(StandardCharsets.UTF_8));
          }
        }
      } else {
        records.add(data);
      }
      ByteArrayOutputStream result = new ByteArrayOutputStream();
      for (byte[] record : records) {
        try {
          result.writeBytes(model.invoke(record).body());
        } catch (ContainerError e) {
          return "ClientError: See job logs for more information. The model container answered "
              + e.status()
              + " for a record of "
              + key.substring(key.lastIndexOf('/') + 1)
              + ".";
        }
        result.write('\n');
      }
      S3Location at = out.child(key.substring(key.lastIndexOf('/') + 1) + ".out");
      client.putObject(
          b -> b.bucket(at.bucket()).key(at.key()), RequestBody.fromBytes(result.toByteArray()));
    }
    return null;
  }

  private static ObjectNode describe(String name, Run run) {
    ObjectNode j =
        Json.object()
            .put("TransformJobName", name)
            .put("TransformJobArn", arn(name))
            .put("TransformJobStatus", run.status)
            .put("ModelName", run.request.path("ModelName").asText())
            .put("CreationTime", seconds(run.created))
            .put("TransformStartTime", seconds(run.created));
    if (run.failure != null) {
      j.put("FailureReason", run.failure);
    }
    if (run.ended != null) {
      j.put("TransformEndTime", seconds(run.ended));
    }
    for (String field :
        List.of(
            "BatchStrategy",
            "MaxPayloadInMB",
            "TransformInput",
            "TransformOutput",
            "TransformResources")) {
      if (run.request.has(field)) {
        j.set(field, run.request.get(field));
      }
    }
    return j;
  }

  private static String arn(String name) {
    return "arn:aws:sagemaker:us-east-1:"
        + ACCOUNT
        + ":transform-job/"
        + name.toLowerCase(java.util.Locale.ROOT);
  }

  private static double seconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }

  private static void error(Exchange ex, String code, String message) throws IOException {
    ex.header("x-amzn-ErrorType", code);
    ex.respond(
        400,
        "application/x-amz-json-1.1",
        Json.bytes(Json.object().put("__type", code).put("message", message)));
  }
}
