package dev.genaiaws.testkit.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.Exchange;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Paths;
import dev.genaiaws.testkit.internal.bedrock.ModelCatalog;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * The Bedrock control-plane routes of batch inference: {@code POST /model-invocation-job}, {@code
 * GET /model-invocation-job/{jobIdentifier}}, {@code POST
 * /model-invocation-job/{jobIdentifier}/stop} and {@code GET /model-invocation-jobs}. Requests are
 * validated as the service does (400 {@code ValidationException} naming the field); unknown jobs
 * are 404 {@code ResourceNotFoundException}. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BatchJobsService {
  private static final String ERROR_TYPE_SUFFIX =
      ":http://internal.amazon.com/coral/com.amazon.bedrock/";
  private static final String ARN_PREFIX =
      "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/";
  private static final Pattern JOB_NAME =
      Pattern.compile("[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\\-.]){0,63}");
  private static final Pattern ROLE = Pattern.compile("arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+");
  private static final Pattern KMS_KEY =
      Pattern.compile(
          "^(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:"
              + "((key/[a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)))|([a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)$");
  private static final Pattern SUBNET = Pattern.compile("^subnet-[0-9a-z]+$");
  private static final Pattern GROUP = Pattern.compile("^sg-[0-9a-z]+$");

  private final EmulatorState state;
  private final ModelCatalog catalog;
  private final BatchSettings settings = new BatchSettings();
  private final Map<String, BatchJobRun> jobs = new LinkedHashMap<>();
  private final Map<String, String> tokens = new HashMap<>();

  public BatchJobsService(EmulatorState state, ModelCatalog catalog) {
    this.state = state;
    this.catalog = catalog;
  }

  /** The knobs tests turn; lock on this service while changing them. */
  public BatchSettings settings() {
    return settings;
  }

  /** Whether the request is one of these routes. */
  public static boolean handles(Exchange ex) {
    String p = ex.rawPath();
    return p.equals("/model-invocation-job")
        || p.startsWith("/model-invocation-job/")
        || p.equals("/model-invocation-jobs");
  }

  /** The status a job has now, if it exists (by ARN or id). */
  public synchronized Optional<String> status(String identifier) {
    return Optional.ofNullable(find(identifier)).map(j -> j.status);
  }

  /** Handles one exchange. */
  public void handle(Exchange ex) throws IOException {
    String path = ex.rawPath();
    String[] seg = path.split("/", -1);
    String op =
        path.equals("/model-invocation-jobs")
            ? "ListModelInvocationJobs"
            : seg.length == 2
                ? "CreateModelInvocationJob"
                : seg.length == 4 && seg[3].equals("stop")
                    ? "StopModelInvocationJob"
                    : "GetModelInvocationJob";
    String target = seg.length >= 3 ? Paths.decode(seg[2]) : null;
    state.record(
        new RecordedRequest(ex.method(), path, op, target, ex.headers(), ex.body(), Instant.now()));
    try {
      switch (op) {
        case "CreateModelInvocationJob" -> create(ex);
        case "GetModelInvocationJob" -> get(ex, target);
        case "StopModelInvocationJob" -> stop(ex, target);
        default -> list(ex);
      }
    } catch (RuntimeException e) {
      error(ex, 500, "InternalServerException", "The emulator failed: " + e.getMessage());
    }
  }

  private void create(Exchange ex) throws IOException {
    if (!"POST".equals(ex.method())) {
      error(
          ex,
          404,
          "UnknownOperationException",
          "Unknown operation " + ex.method() + " " + ex.rawPath());
      return;
    }
    JsonNode body;
    try {
      body = Json.parse(ex.body());
    } catch (IOException e) {
      validation(ex, "Malformed request body.");
      return;
    }
    String problem = check(body);
    if (problem != null) {
      validation(ex, problem);
      return;
    }
    Optional<String> model = catalog.resolve(body.get("modelId").asText());
    if (model.isEmpty()) {
      validation(ex, "The provided model identifier is invalid.");
      return;
    }
    String arn;
    synchronized (this) {
      String token = body.path("clientRequestToken").asText("");
      if (!token.isEmpty() && tokens.containsKey(token)) {
        arn = tokens.get(token);
      } else {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        arn = ARN_PREFIX + id;
        jobs.put(
            arn,
            new BatchJobRun(arn, id, (ObjectNode) body.deepCopy(), model.get(), catalog, settings));
        if (!token.isEmpty()) {
          tokens.put(token, arn);
        }
      }
    }
    ex.respondJson(200, Json.object().put("jobArn", arn));
  }

  private static String check(JsonNode b) {
    String name = b.path("jobName").asText("");
    if (name.isEmpty() || name.length() > 63 || !JOB_NAME.matcher(name).matches()) {
      return "1 validation error detected: Value '"
          + name
          + "' at 'jobName' failed to satisfy constraint: Member"
          + " must satisfy regular expression pattern: [a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}";
    }
    String role = b.path("roleArn").asText("");
    if (!ROLE.matcher(role).matches()) {
      return "1 validation error detected: Value '"
          + role
          + "' at 'roleArn' failed to satisfy constraint: Member"
          + " must satisfy regular expression pattern: ^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+$";
    }
    if (b.path("modelId").asText("").isEmpty()) {
      return "1 validation error detected: Value null at 'modelId' failed to satisfy constraint: Member must not be null";
    }
    String in = b.path("inputDataConfig").path("s3InputDataConfig").path("s3Uri").asText("");
    if (!in.startsWith("s3://")) {
      return "1 validation error detected: Value '"
          + in
          + "' at 'inputDataConfig.s3InputDataConfig.s3Uri' failed"
          + " to satisfy constraint: Member must satisfy regular expression pattern: ^s3://.*";
    }
    String out = b.path("outputDataConfig").path("s3OutputDataConfig").path("s3Uri").asText("");
    if (!out.startsWith("s3://")) {
      return "1 validation error detected: Value '"
          + out
          + "' at 'outputDataConfig.s3OutputDataConfig.s3Uri'"
          + " failed to satisfy constraint: Member must satisfy regular expression pattern: ^s3://.*";
    }
    JsonNode hours = b.get("timeoutDurationInHours");
    if (hours != null && !hours.isNull() && (hours.asInt() < 24 || hours.asInt() > 168)) {
      return "1 validation error detected: Value '"
          + hours.asInt()
          + "' at 'timeoutDurationInHours' failed to"
          + " satisfy constraint: Member must have value between 24 and 168";
    }
    String key =
        b.path("outputDataConfig").path("s3OutputDataConfig").path("s3EncryptionKeyId").asText("");
    if (b.path("outputDataConfig").path("s3OutputDataConfig").has("s3EncryptionKeyId")
        && (key.isEmpty() || key.length() > 2048 || !KMS_KEY.matcher(key).matches())) {
      return "1 validation error detected: Value '"
          + key
          + "' at 'outputDataConfig.s3OutputDataConfig"
          + ".s3EncryptionKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          + KMS_KEY.pattern();
    }
    JsonNode vpc = b.get("vpcConfig");
    if (vpc != null && !vpc.isNull()) {
      String problem = vpcProblem(vpc);
      if (problem != null) {
        return problem;
      }
    }
    String type = b.path("modelInvocationType").asText("InvokeModel");
    if (!type.equals("InvokeModel") && !type.equals("Converse")) {
      return "1 validation error detected: Value '"
          + type
          + "' at 'modelInvocationType' failed to satisfy"
          + " constraint: Member must satisfy enum value set: [InvokeModel, Converse]";
    }
    return null;
  }

  /** The VPC configuration's constraints (VpcConfig shape of the Bedrock API). */
  private static String vpcProblem(JsonNode vpc) {
    JsonNode subnets = vpc.path("subnetIds");
    JsonNode groups = vpc.path("securityGroupIds");
    if (!subnets.isArray() || subnets.size() < 1 || subnets.size() > 16) {
      return "1 validation error detected: Value at 'vpcConfig.subnetIds' failed to satisfy constraint: Member"
          + " must have length less than or equal to 16 and greater than or equal to 1";
    }
    if (!groups.isArray() || groups.size() < 1 || groups.size() > 5) {
      return "1 validation error detected: Value at 'vpcConfig.securityGroupIds' failed to satisfy constraint:"
          + " Member must have length less than or equal to 5 and greater than or equal to 1";
    }
    for (JsonNode s : subnets) {
      if (!SUBNET.matcher(s.asText()).matches()) {
        return "1 validation error detected: Value '"
            + s.asText()
            + "' at 'vpcConfig.subnetIds' failed to"
            + " satisfy constraint: Member must satisfy regular expression pattern: "
            + SUBNET.pattern();
      }
    }
    for (JsonNode g : groups) {
      if (!GROUP.matcher(g.asText()).matches()) {
        return "1 validation error detected: Value '"
            + g.asText()
            + "' at 'vpcConfig.securityGroupIds' failed"
            + " to satisfy constraint: Member must satisfy regular expression pattern: "
            + GROUP.pattern();
      }
    }
    return null;
  }

  private void get(Exchange ex, String target) throws IOException {
    if (!"GET".equals(ex.method())) {
      error(
          ex,
          404,
          "UnknownOperationException",
          "Unknown operation " + ex.method() + " " + ex.rawPath());
      return;
    }
    ObjectNode json;
    synchronized (this) {
      BatchJobRun job = find(target);
      if (job == null) {
        notFound(ex, target);
        return;
      }
      job.advance();
      json = job.toJson();
    }
    ex.respondJson(200, json);
  }

  private void stop(Exchange ex, String target) throws IOException {
    boolean stopped;
    String status;
    synchronized (this) {
      BatchJobRun job = find(target);
      if (job == null) {
        notFound(ex, target);
        return;
      }
      stopped = job.stop();
      status = job.status;
    }
    if (!stopped) {
      validation(ex, "The job cannot be stopped because it is in " + status + " status.");
      return;
    }
    ex.respondJson(200, Json.object());
  }

  private void list(Exchange ex) throws IOException {
    Map<String, String> q = query(ex.rawQuery());
    String statusEquals = q.get("statusEquals");
    String nameContains = q.get("nameContains");
    int max = q.containsKey("maxResults") ? Integer.parseInt(q.get("maxResults")) : 1000;
    int from = q.containsKey("nextToken") ? Integer.parseInt(q.get("nextToken")) : 0;
    List<ObjectNode> all = new ArrayList<>();
    synchronized (this) {
      List<BatchJobRun> runs = new ArrayList<>(jobs.values());
      runs.sort(Comparator.comparing((BatchJobRun j) -> j.submitTime));
      if (!"Ascending".equals(q.get("sortOrder"))) {
        java.util.Collections.reverse(runs);
      }
      for (BatchJobRun j : runs) {
        if ((statusEquals == null || statusEquals.equals(j.status))
            && (nameContains == null
                || j.request.path("jobName").asText().contains(nameContains))) {
          all.add(j.toJson());
        }
      }
    }
    ObjectNode out = Json.object();
    ArrayNode page = out.putArray("invocationJobSummaries");
    for (int i = from; i < Math.min(all.size(), from + max); i++) {
      page.add(all.get(i));
    }
    if (from + max < all.size()) {
      out.put("nextToken", String.valueOf(from + max));
    }
    ex.respondJson(200, out);
  }

  private BatchJobRun find(String identifier) {
    if (identifier == null) {
      return null;
    }
    BatchJobRun j = jobs.get(identifier);
    if (j != null) {
      return j;
    }
    return jobs.get(ARN_PREFIX + identifier);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private static void notFound(Exchange ex, String target) throws IOException {
    error(
        ex,
        404,
        "ResourceNotFoundException",
        "The specified job " + target + " could not be found.");
  }

  private static void validation(Exchange ex, String message) throws IOException {
    error(ex, 400, "ValidationException", message);
  }

  private static void error(Exchange ex, int status, String code, String message)
      throws IOException {
    ex.header("x-amzn-ErrorType", code + ERROR_TYPE_SUFFIX);
    ex.respond(status, "application/json", Json.bytes(Json.object().put("message", message)));
  }
}
