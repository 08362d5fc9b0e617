package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.Exchange;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Paths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Bedrock control plane's model-customization, custom-model, provisioned-throughput and
 * custom-model-deployment operations, with their status sequences:
 *
 * <ul>
 *   <li>a customization job is {@code InProgress} for {@code pollsToFinish} {@code
 *       GetModelCustomizationJob} calls, then reads its training (and validation) file from S3 and
 *       checks every line; a malformed file fails it ({@code Failed}, the failure message names the
 *       file and line), else it writes {@code step_wise_training_metrics.csv} (and {@code
 *       validation_metrics.csv}) to the output location and completes with a custom model; {@code
 *       StopModelCustomizationJob} makes it {@code Stopping}, then {@code Stopped};
 *   <li>provisioned throughput is {@code Creating} for one poll, then {@code InService}; an update
 *       makes it {@code Updating} for one poll; its ARN answers on the runtime with the base
 *       model's wire format;
 *   <li>a deployment is {@code Creating} for one poll, then {@code Active}, and answers likewise.
 * </ul>
 *
 * Written from the API reference independently of the SDK's customization module. Hyper-parameters
 * are refused with a 400 {@code ValidationException} when outside the ranges of the few base models
 * known here.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CustomizationControlPlane {
  private static final String ACCOUNT = "123456789012";
  private static final String REGION = "us-east-1";
  private static final String ERROR_SUFFIX =
      ":http://internal.amazon.com/coral/com.amazon.bedrock/";

  /** Base models this control plane customizes: the record shape and the hyper-parameter ranges. */
  private record Base(String format, Map<String, double[]> ranges, boolean cpt) {}

  private static final Map<String, Base> BASES =
      Map.of(
          "amazon.titan-text-express-v1",
              new Base(
                  "prompt",
                  Map.of(
                      "epochCount",
                      new double[] {1, 10},
                      "batchSize",
                      new double[] {1, 64},
                      "learningRate",
                      new double[] {0, 1},
                      "learningRateWarmupSteps",
                      new double[] {0, 250}),
                  true),
          "amazon.titan-text-lite-v1",
              new Base(
                  "prompt",
                  Map.of(
                      "epochCount",
                      new double[] {1, 10},
                      "batchSize",
                      new double[] {1, 64},
                      "learningRate",
                      new double[] {0, 1},
                      "learningRateWarmupSteps",
                      new double[] {0, 250}),
                  true),
          "meta.llama3-1-8b-instruct-v1",
              new Base(
                  "prompt",
                  Map.of(
                      "epochCount",
                      new double[] {1, 10},
                      "batchSize",
                      new double[] {1, 1},
                      "learningRate",
                      new double[] {5e-6, 0.1}),
                  false),
          "cohere.command-text-v14",
              new Base(
                  "prompt",
                  Map.of(
                      "epochCount",
                      new double[] {1, 100},
                      "batchSize",
                      new double[] {8, 8},
                      "learningRate",
                      new double[] {5e-6, 0.1},
                      "earlyStoppingThreshold",
                      new double[] {0, 0.1},
                      "earlyStoppingPatience",
                      new double[] {1, 100}),
                  false),
          "anthropic.claude-3-haiku-20240307-v1",
              new Base(
                  "conversation",
                  Map.of(
                      "epochCount",
                      new double[] {1, 10},
                      "batchSize",
                      new double[] {4, 256},
                      "learningRateMultiplier",
                      new double[] {0.1, 2},
                      "earlyStoppingThreshold",
                      new double[] {0, 0.1},
                      "earlyStoppingPatience",
                      new double[] {1, 10}),
                  false),
          "amazon.nova-micro-v1",
              new Base(
                  "conversation",
                  Map.of(
                      "epochCount",
                      new double[] {1, 5},
                      "learningRate",
                      new double[] {1e-6, 1e-4},
                      "learningRateWarmupSteps",
                      new double[] {0, 100}),
                  false));

  private final EmulatorState state = new EmulatorState();
  private final ModelCatalog catalog;
  private final Map<String, ObjectNode> jobs = new ConcurrentHashMap<>();
  private final Map<String, Integer> polls = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> models = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> throughputs = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> deployments = new ConcurrentHashMap<>();
  private volatile Supplier<S3Client> s3 = () -> null;
  private volatile int pollsToFinish = 2;

  /** A control plane that registers served ARNs in the runtime's {@code catalog}. */
  public CustomizationControlPlane(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  /** The S3 client jobs read training data from and write metrics to. */
  public void s3(Supplier<S3Client> client) {
    this.s3 = client;
  }

  /** How many {@code GetModelCustomizationJob} calls a job stays {@code InProgress} (default 2). */
  public void pollsToFinish(int polls) {
    this.pollsToFinish = polls;
  }

  /** Whether the path is one of this control plane's operations. */
  public static boolean handles(String rawPath) {
    return rawPath.startsWith("/model-customization-jobs")
        || rawPath.startsWith("/custom-models/")
        || rawPath.startsWith("/provisioned-model-throughput")
        || rawPath.startsWith("/model-customization/");
  }

  /** The control-plane requests received so far, oldest first. */
  public List<RecordedRequest> requests() {
    return state.requests();
  }

  /** Forgets recorded requests (jobs, models and throughput stay). */
  public void reset() {
    state.reset();
  }

  /** Handles one exchange (the caller checked {@link #handles}). */
  public void handle(Exchange ex) throws IOException {
    String path = ex.rawPath();
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    String[] seg = path.substring(1).split("/", -1);
    String op = operation(ex.method(), seg);
    state.record(
        new RecordedRequest(
            ex.method(),
            ex.rawPath(),
            op,
            seg.length > 1
                ? Paths.decode(seg[seg.length - (op.equals("StopModelCustomizationJob") ? 2 : 1)])
                : null,
            ex.headers(),
            ex.body(),
            Instant.now()));
    JsonNode body = null;
    if (ex.body().length > 0) {
      try {
        body = Json.parse(ex.body());
      } catch (IOException e) {
        error(ex, 400, "ValidationException", "The request body is not valid JSON.");
        return;
      }
    }
    switch (op) {
      case "CreateModelCustomizationJob" -> createJob(ex, body);
      case "GetModelCustomizationJob" -> getJob(ex, Paths.decode(seg[1]));
      case "StopModelCustomizationJob" -> stopJob(ex, Paths.decode(seg[1]));
      case "GetCustomModel" -> getModel(ex, Paths.decode(seg[1]));
      case "CreateProvisionedModelThroughput" -> createThroughput(ex, body);
      case "GetProvisionedModelThroughput" -> getThroughput(ex, Paths.decode(seg[1]));
      case "UpdateProvisionedModelThroughput" -> updateThroughput(ex, Paths.decode(seg[1]), body);
      case "DeleteProvisionedModelThroughput" -> deleteThroughput(ex, Paths.decode(seg[1]));
      case "CreateCustomModelDeployment" -> createDeployment(ex, body);
      case "GetCustomModelDeployment" -> getDeployment(ex, Paths.decode(seg[2]));
      case "UpdateCustomModelDeployment" -> updateDeployment(ex, Paths.decode(seg[2]), body);
      case "DeleteCustomModelDeployment" -> deleteDeployment(ex, Paths.decode(seg[2]));
      default ->
          error(
              ex,
              404,
              "UnknownOperationException",
              "Unknown operation " + ex.method() + " " + path);
    }
  }

  private static String operation(String method, String[] seg) {
    String root = seg[0];
    return switch (root) {
      case "model-customization-jobs" ->
          seg.length == 1 && method.equals("POST")
              ? "CreateModelCustomizationJob"
              : seg.length == 2 && method.equals("GET")
                  ? "GetModelCustomizationJob"
                  : seg.length == 3 && seg[2].equals("stop") && method.equals("POST")
                      ? "StopModelCustomizationJob"
                      : "";
      case "custom-models" -> seg.length == 2 && method.equals("GET") ? "GetCustomModel" : "";
      case "provisioned-model-throughput" ->
          seg.length == 1 && method.equals("POST")
              ? "CreateProvisionedModelThroughput"
              : seg.length != 2
                  ? ""
                  : switch (method) {
                    case "GET" -> "GetProvisionedModelThroughput";
                    case "PATCH" -> "UpdateProvisionedModelThroughput";
                    case "DELETE" -> "DeleteProvisionedModelThroughput";
                    default -> "";
                  };
      case "model-customization" ->
          seg.length >= 2 && seg[1].equals("custom-model-deployments")
              ? seg.length == 2 && method.equals("POST")
                  ? "CreateCustomModelDeployment"
                  : seg.length != 3
                      ? ""
                      : switch (method) {
                        case "GET" -> "GetCustomModelDeployment";
                        case "PATCH" -> "UpdateCustomModelDeployment";
                        case "DELETE" -> "DeleteCustomModelDeployment";
                        default -> "";
                      }
              : "";
      default -> "";
    };
  }

  // ---- customization jobs

  private void createJob(Exchange ex, JsonNode body) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String f : List.of("jobName", "customModelName", "roleArn", "baseModelIdentifier")) {
      if (body == null || !body.path(f).isTextual()) {
        missing.add(f);
      }
    }
    if (body == null || !body.path("trainingDataConfig").path("s3Uri").isTextual()) {
      missing.add("trainingDataConfig");
    }
    if (body == null || !body.path("outputDataConfig").path("s3Uri").isTextual()) {
      missing.add("outputDataConfig");
    }
    if (!missing.isEmpty()) {
      error(
          ex,
          400,
          "ValidationException",
          "1 validation error detected: Value null at '"
              + missing.get(0)
              + "' failed to satisfy constraint: Member must not be null");
      return;
    }
    String baseId = baseModelId(body.get("baseModelIdentifier").asText());
    Base base = BASES.get(baseId);
    String type = body.path("customizationType").asText("FINE_TUNING");
    if (base == null) {
      error(
          ex,
          400,
          "ValidationException",
          "The base model "
              + body.get("baseModelIdentifier").asText()
              + " does not support customization.");
      return;
    }
    if (type.equals("CONTINUED_PRE_TRAINING") && !base.cpt()) {
      error(
          ex,
          400,
          "ValidationException",
          "The base model " + baseId + " does not support CONTINUED_PRE_TRAINING.");
      return;
    }
    JsonNode hp = body.path("hyperParameters");
    for (var e : hp.properties()) {
      double[] range = base.ranges().get(e.getKey());
      if (range == null) {
        error(
            ex,
            400,
            "ValidationException",
            "Hyperparameter " + e.getKey() + " is not supported for " + baseId + ".");
        return;
      }
      double v;
      try {
        v = Double.parseDouble(e.getValue().asText());
      } catch (NumberFormatException nfe) {
        error(
            ex, 400, "ValidationException", "Hyperparameter " + e.getKey() + " must be a number.");
        return;
      }
      if (v < range[0] || v > range[1]) {
        error(
            ex,
            400,
            "ValidationException",
            "Hyperparameter "
                + e.getKey()
                + " value "
                + e.getValue().asText()
                + " is outside the allowed range ["
                + range[0]
                + ", "
                + range[1]
                + "].");
        return;
      }
    }
    String jobName = body.get("jobName").asText();
    for (ObjectNode j : jobs.values()) {
      if (j.get("jobName").asText().equals(jobName)) {
        error(ex, 400, "ValidationException", "A job with name " + jobName + " already exists.");
        return;
      }
    }
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String arn =
        "arn:aws:bedrock:"
            + REGION
            + ":"
            + ACCOUNT
            + ":model-customization-job/"
            + baseId
            + "/"
            + id;
    ObjectNode job =
        Json.object()
            .put("jobArn", arn)
            .put("jobName", jobName)
            .put("outputModelName", body.get("customModelName").asText())
            .put("roleArn", body.get("roleArn").asText())
            .put("status", "InProgress")
            .put("creationTime", Instant.now().toString())
            .put("baseModelArn", "arn:aws:bedrock:" + REGION + "::foundation-model/" + baseId)
            .put("customizationType", type);
    job.set("hyperParameters", hp.isMissingNode() ? Json.object() : hp.deepCopy());
    job.set("trainingDataConfig", body.get("trainingDataConfig").deepCopy());
    job.set("outputDataConfig", body.get("outputDataConfig").deepCopy());
    if (body.has("validationDataConfig")) {
      job.set("validationDataConfig", body.get("validationDataConfig").deepCopy());
    }
    if (body.has("vpcConfig")) {
      job.set("vpcConfig", body.get("vpcConfig").deepCopy());
    }
    if (body.has("customModelKmsKeyId")) {
      job.put("outputModelKmsKeyArn", body.get("customModelKmsKeyId").asText());
    }
    if (body.has("customizationConfig")) {
      job.set("customizationConfig", body.get("customizationConfig").deepCopy());
    }
    jobs.put(arn, job);
    polls.put(arn, 0);
    ex.respondJson(201, Json.object().put("jobArn", arn));
  }

  private ObjectNode job(String identifier) {
    ObjectNode j = jobs.get(identifier);
    if (j != null) {
      return j;
    }
    return jobs.values().stream()
        .filter(x -> x.get("jobName").asText().equals(identifier))
        .findFirst()
        .orElse(null);
  }

  private void getJob(Exchange ex, String id) throws IOException {
    ObjectNode job = job(id);
    if (job == null) {
      error(
          ex, 404, "ResourceNotFoundException", "Could not find a job with identifier " + id + ".");
      return;
    }
    synchronized (job) {
      String status = job.get("status").asText();
      String arn = job.get("jobArn").asText();
      if (status.equals("Stopping")) {
        ex.respondJson(200, job.deepCopy());
        finish(job, "Stopped");
        return;
      }
      if (status.equals("InProgress")) {
        int n = polls.merge(arn, 1, Integer::sum);
        if (n > pollsToFinish) {
          train(job);
        }
      }
      ex.respondJson(200, job);
    }
  }

  private void stopJob(Exchange ex, String id) throws IOException {
    ObjectNode job = job(id);
    if (job == null) {
      error(
          ex, 404, "ResourceNotFoundException", "Could not find a job with identifier " + id + ".");
      return;
    }
    synchronized (job) {
      if (!job.get("status").asText().equals("InProgress")) {
        error(
            ex,
            400,
            "ValidationException",
            "Job "
                + job.get("jobName").asText()
                + " is in "
                + job.get("status").asText()
                + " state and cannot be stopped.");
        return;
      }
      job.put("status", "Stopping");
    }
    ex.respondJson(200, Json.object());
  }

  private static void finish(ObjectNode job, String status) {
    job.put("status", status)
        .put("endTime", Instant.now().toString())
        .put("lastModifiedTime", Instant.now().toString());
  }

  /**
   * Reads and checks the data; fails the job on the first bad file, else writes metrics and a
   * model.
   */
  private void train(ObjectNode job) {
    S3Client client = s3.get();
    String base = baseModelId(job.get("baseModelArn").asText());
    String format =
        job.get("customizationType").asText().equals("CONTINUED_PRE_TRAINING")
            ? "input"
            : BASES.get(base).format();
    if (client == null) {
      finish(job, "Failed");
      job.put(
          "failureMessage",
          "The emulator has no S3 client to read the training data with; give it one.");
      return;
    }
    int trainingLines;
    int validationLines = 0;
    String trainingUri = job.path("trainingDataConfig").path("s3Uri").asText();
    try {
      trainingLines = checkFile(client, trainingUri, format);
      JsonNode validators = job.path("validationDataConfig").path("validators");
      for (JsonNode v : validators) {
        validationLines += checkFile(client, v.path("s3Uri").asText(), format);
      }
    } catch (DataError e) {
      finish(job, "Failed");
      job.put("failureMessage", e.getMessage());
      return;
    }
    String jobArn = job.get("jobArn").asText();
    String output = job.path("outputDataConfig").path("s3Uri").asText();
    String folder =
        (output.endsWith("/") ? output : output + "/")
            + "model-customization-job-"
            + jobArn.substring(jobArn.lastIndexOf('/') + 1)
            + "/";
    int epochs =
        (int) Double.parseDouble(job.path("hyperParameters").path("epochCount").asText("2"));
    int steps = Math.max(1, epochs * Math.max(1, trainingLines));
    StringBuilder training =
        new StringBuilder("step_number,epoch_number,training_loss,perplexity\n");
    for (int s = 0; s < steps; s++) {
      double loss = 2.5 * Math.exp(-0.35 * s) + 0.2 + ((s * 7919) % 13) / 200.0;
      training
          .append(s)
          .append(',')
          .append(s * epochs / steps)
          .append(',')
          .append(round(loss))
          .append(',')
          .append(round(Math.exp(loss)))
          .append('\n');
    }
    put(client, folder + "training_artifacts/step_wise_training_metrics.csv", training.toString());
    if (validationLines > 0) {
      StringBuilder validation =
          new StringBuilder("step_number,epoch_number,validation_loss,perplexity\n");
      for (int e = 0; e < epochs; e++) {
        double loss = 2.2 * Math.exp(-0.6 * (e + 1)) + 0.3;
        validation
            .append((e + 1) * steps / epochs - 1)
            .append(',')
            .append(e)
            .append(',')
            .append(round(loss))
            .append(',')
            .append(round(Math.exp(loss)))
            .append('\n');
      }
      put(
          client,
          folder + "validation_artifacts/post_fine_tuning_validation/validation_metrics.csv",
          validation.toString());
    }
    String modelArn =
        "arn:aws:bedrock:"
            + REGION
            + ":"
            + ACCOUNT
            + ":custom-model/"
            + base
            + "/"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ObjectNode model =
        Json.object()
            .put("modelArn", modelArn)
            .put("modelName", job.get("outputModelName").asText())
            .put("jobName", job.get("jobName").asText())
            .put("jobArn", jobArn)
            .put("baseModelArn", job.get("baseModelArn").asText())
            .put("customizationType", job.get("customizationType").asText())
            .put("creationTime", Instant.now().toString())
            .put("modelStatus", "Active");
    models.put(modelArn, model);
    catalog.alias(modelArn, servedId(base));
    job.put("outputModelArn", modelArn);
    ObjectNode metrics = job.putObject("trainingMetrics");
    metrics.put("trainingLoss", round(2.5 * Math.exp(-0.35 * (steps - 1)) + 0.2));
    finish(job, "Completed");
  }

  private static final class DataError extends Exception {
    private static final long serialVersionUID = 1L;

    DataError(String message) {
      super(message);
    }
  }

  /** Checks a JSONL file as the service does; returns its record count. */
  private static int checkFile(S3Client client, String uri, String format) throws DataError {
    String[] bucketKey = bucketKey(uri);
    String text;
    try {
      text =
          client
              .getObjectAsBytes(r -> r.bucket(bucketKey[0]).key(bucketKey[1]))
              .asString(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      throw new DataError(
          "Unable to read the data at "
              + uri
              + ": check that the file exists and that the"
              + " service role can read it.");
    }
    String[] lines = text.split("\r?\n");
    int records = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      JsonNode r;
      try {
        r = Json.parse(lines[i].getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new DataError(
            "Malformed input data in " + uri + " at line " + (i + 1) + ": not a JSON object.");
      }
      String problem =
          switch (format) {
            case "prompt" ->
                r.path("prompt").isTextual() && r.path("completion").isTextual()
                    ? null
                    : "each record needs string fields prompt and completion";
            case "input" ->
                r.path("input").isTextual() ? null : "each record needs a string field input";
            default ->
                "bedrock-conversation-2024".equals(r.path("schemaVersion").asText())
                        && r.path("messages").isArray()
                        && !r.path("messages").isEmpty()
                    ? null
                    : "each record needs schemaVersion bedrock-conversation-2024 and messages";
          };
      if (problem != null) {
        throw new DataError(
            "Malformed input data in " + uri + " at line " + (i + 1) + ": " + problem + ".");
      }
      records++;
    }
    if (records == 0) {
      throw new DataError("The data at " + uri + " has no records.");
    }
    return records;
  }

  private static void put(S3Client client, String uri, String text) {
    String[] bk = bucketKey(uri);
    client.putObject(
        r -> r.bucket(bk[0]).key(bk[1]).contentType("text/csv"), RequestBody.fromString(text));
  }

  private static String[] bucketKey(String uri) {
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
  }

  private static double round(double d) {
    return Math.round(d * 10000) / 10000.0;
  }

  private void getModel(Exchange ex, String id) throws IOException {
    ObjectNode m = models.get(id);
    if (m == null) {
      m =
          models.values().stream()
              .filter(x -> x.get("modelName").asText().equals(id))
              .findFirst()
              .orElse(null);
    }
    if (m == null) {
      error(
          ex,
          404,
          "ResourceNotFoundException",
          "Could not find a custom model with identifier " + id + ".");
      return;
    }
    ex.respondJson(200, m);
  }

  // ---- provisioned throughput

  private void createThroughput(Exchange ex, JsonNode body) throws IOException {
    if (body == null
        || !body.path("provisionedModelName").isTextual()
        || !body.path("modelId").isTextual()
        || !body.path("modelUnits").isInt()) {
      error(
          ex,
          400,
          "ValidationException",
          "provisionedModelName, modelId and modelUnits are required.");
      return;
    }
    if (body.get("modelUnits").asInt() < 1) {
      error(
          ex,
          400,
          "ValidationException",
          "1 validation error detected: Value at 'modelUnits' failed to satisfy"
              + " constraint: Member must have value greater than or equal to 1");
      return;
    }
    String modelId = body.get("modelId").asText();
    String served = served(modelId);
    if (served == null) {
      error(ex, 404, "ResourceNotFoundException", "Could not find model " + modelId + ".");
      return;
    }
    String arn =
        "arn:aws:bedrock:"
            + REGION
            + ":"
            + ACCOUNT
            + ":provisioned-model/"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ObjectNode pt =
        Json.object()
            .put("provisionedModelArn", arn)
            .put("provisionedModelName", body.get("provisionedModelName").asText())
            .put(
                "modelArn",
                models.containsKey(modelId)
                    ? modelId
                    : "arn:aws:bedrock:" + REGION + "::foundation-model/" + modelId)
            .put("desiredModelArn", modelId)
            .put("foundationModelArn", "arn:aws:bedrock:" + REGION + "::foundation-model/" + served)
            .put("modelUnits", body.get("modelUnits").asInt())
            .put("desiredModelUnits", body.get("modelUnits").asInt())
            .put("status", "Creating")
            .put("creationTime", Instant.now().toString())
            .put("lastModifiedTime", Instant.now().toString());
    if (body.has("commitmentDuration")) {
      pt.put("commitmentDuration", body.get("commitmentDuration").asText());
    }
    throughputs.put(arn, pt);
    catalog.alias(arn, served);
    ex.respondJson(201, Json.object().put("provisionedModelArn", arn));
  }

  private ObjectNode throughput(String id) {
    ObjectNode pt = throughputs.get(id);
    return pt != null
        ? pt
        : throughputs.values().stream()
            .filter(x -> x.get("provisionedModelName").asText().equals(id))
            .findFirst()
            .orElse(null);
  }

  private void getThroughput(Exchange ex, String id) throws IOException {
    ObjectNode pt = throughput(id);
    if (pt == null) {
      error(ex, 404, "ResourceNotFoundException", "Could not find provisioned model " + id + ".");
      return;
    }
    synchronized (pt) {
      String status = pt.get("status").asText();
      ObjectNode answer = pt.deepCopy();
      if (status.equals("Creating") || status.equals("Updating")) {
        pt.put("status", "InService").put("lastModifiedTime", Instant.now().toString());
      }
      ex.respondJson(200, answer);
    }
  }

  private void updateThroughput(Exchange ex, String id, JsonNode body) throws IOException {
    ObjectNode pt = throughput(id);
    if (pt == null) {
      error(ex, 404, "ResourceNotFoundException", "Could not find provisioned model " + id + ".");
      return;
    }
    synchronized (pt) {
      if (!pt.get("status").asText().equals("InService")) {
        error(
            ex,
            409,
            "ConflictException",
            "The provisioned model is " + pt.get("status").asText() + ".");
        return;
      }
      if (body != null && body.path("desiredProvisionedModelName").isTextual()) {
        pt.put("provisionedModelName", body.get("desiredProvisionedModelName").asText());
      }
      if (body != null && body.path("desiredModelId").isTextual()) {
        String modelId = body.get("desiredModelId").asText();
        String served = served(modelId);
        if (served == null) {
          error(ex, 404, "ResourceNotFoundException", "Could not find model " + modelId + ".");
          return;
        }
        pt.put("modelArn", modelId).put("desiredModelArn", modelId);
        catalog.alias(pt.get("provisionedModelArn").asText(), served);
      }
      pt.put("status", "Updating");
    }
    ex.respondJson(200, Json.object());
  }

  private void deleteThroughput(Exchange ex, String id) throws IOException {
    ObjectNode pt = throughput(id);
    if (pt == null) {
      error(ex, 404, "ResourceNotFoundException", "Could not find provisioned model " + id + ".");
      return;
    }
    throughputs.remove(pt.get("provisionedModelArn").asText());
    ex.respondJson(200, Json.object());
  }

  // ---- custom model deployments

  private void createDeployment(Exchange ex, JsonNode body) throws IOException {
    if (body == null
        || !body.path("modelDeploymentName").isTextual()
        || !body.path("modelArn").isTextual()) {
      error(ex, 400, "ValidationException", "modelDeploymentName and modelArn are required.");
      return;
    }
    String modelArn = body.get("modelArn").asText();
    if (!models.containsKey(modelArn)) {
      error(ex, 404, "ResourceNotFoundException", "Could not find custom model " + modelArn + ".");
      return;
    }
    String arn =
        "arn:aws:bedrock:"
            + REGION
            + ":"
            + ACCOUNT
            + ":custom-model-deployment/"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ObjectNode d =
        Json.object()
            .put("customModelDeploymentArn", arn)
            .put("modelDeploymentName", body.get("modelDeploymentName").asText())
            .put("modelArn", modelArn)
            .put("status", "Creating")
            .put("createdAt", Instant.now().toString());
    if (body.has("description")) {
      d.put("description", body.get("description").asText());
    }
    deployments.put(arn, d);
    catalog.alias(arn, served(modelArn));
    ex.respondJson(202, Json.object().put("customModelDeploymentArn", arn));
  }

  private void getDeployment(Exchange ex, String id) throws IOException {
    ObjectNode d = deployments.get(id);
    if (d == null) {
      error(ex, 404, "ResourceNotFoundException", "Could not find deployment " + id + ".");
      return;
    }
    synchronized (d) {
      ObjectNode answer = d.deepCopy();
      if (d.get("status").asText().equals("Creating")) {
        d.put("status", "Active").put("lastUpdatedAt", Instant.now().toString());
      }
      ex.respondJson(200, answer);
    }
  }

  private void updateDeployment(Exchange ex, String id, JsonNode body) throws IOException {
    ObjectNode d = deployments.get(id);
    if (d == null) {
      error(ex, 404, "ResourceNotFoundException", "Could not find deployment " + id + ".");
      return;
    }
    String modelArn = body == null ? null : body.path("modelArn").asText(null);
    if (modelArn == null || !models.containsKey(modelArn)) {
      error(ex, 404, "ResourceNotFoundException", "Could not find custom model " + modelArn + ".");
      return;
    }
    synchronized (d) {
      d.put("modelArn", modelArn).put("status", "Creating");
      catalog.alias(id, served(modelArn));
    }
    ex.respondJson(202, Json.object().put("customModelDeploymentArn", id));
  }

  private void deleteDeployment(Exchange ex, String id) throws IOException {
    if (deployments.remove(id) == null) {
      error(ex, 404, "ResourceNotFoundException", "Could not find deployment " + id + ".");
      return;
    }
    ex.respondJson(200, Json.object());
  }

  // ---- helpers

  /** The runtime model id a custom model or base model id is served as, or null when unknown. */
  private String served(String modelId) {
    ObjectNode m = models.get(modelId);
    if (m != null) {
      return servedId(baseModelId(m.get("baseModelArn").asText()));
    }
    return catalog.resolve(modelId).isPresent() ? modelId : null;
  }

  /**
   * The base id with a runtime-known version: {@code :0} variants are served by the catalog as
   * given.
   */
  private String servedId(String base) {
    return catalog.resolve(base).isPresent()
        ? base
        : catalog.resolve(base + ":0").map(x -> base + ":0").orElse(base);
  }

  /**
   * {@code amazon.titan-text-express-v1} from an id or a foundation-model ARN, without context
   * variants.
   */
  static String baseModelId(String idOrArn) {
    String id = idOrArn;
    int slash = id.indexOf(":foundation-model/");
    if (id.startsWith("arn:") && slash > 0) {
      id = id.substring(slash + ":foundation-model/".length());
    }
    String lower = id.toLowerCase(Locale.ROOT);
    for (String known : BASES.keySet()) {
      if (lower.startsWith(known)) {
        return known;
      }
    }
    return lower;
  }

  private static void error(Exchange ex, int status, String code, String message)
      throws IOException {
    ex.header("x-amzn-ErrorType", code + ERROR_SUFFIX);
    ex.respond(status, "application/json", Json.bytes(Json.object().put("message", message)));
  }
}
