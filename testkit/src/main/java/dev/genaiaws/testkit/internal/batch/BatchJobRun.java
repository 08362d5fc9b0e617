package dev.genaiaws.testkit.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.bedrock.ConverseApi;
import dev.genaiaws.testkit.internal.bedrock.ModelCatalog;
import dev.genaiaws.testkit.internal.bedrock.ModelFamily;
import dev.genaiaws.testkit.internal.sagemaker.S3Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One emulated batch inference job. Each {@code GetModelInvocationJob} moves it one step along the
 * documented sequence {@code Submitted → Validating → Scheduled → InProgress (n steps) →
 * Completed}, or to {@code Failed} (input invalid), {@code Expired}, {@code PartiallyCompleted} or
 * {@code Stopping → Stopped}. Validation reads the input from S3 as the service does; processing
 * answers each record with the emulator's model family, or its Converse API for {@code
 * modelInvocationType: Converse} jobs (never with the SDK's codecs) and writes {@code <input
 * file>.out} per input file and {@code manifest.json.out} under {@code <output>/<job id>/}. Not
 * thread-safe: the service locks. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class BatchJobRun {
  /** One input record. */
  private record Input(String file, String recordId, JsonNode modelInput) {}

  final String arn;
  final String jobId;
  final ObjectNode request;
  final Instant submitTime = Instant.now();
  final String modelId;
  private final ModelCatalog catalog;
  private final BatchSettings settings;
  private final boolean expire;
  private final int partial;
  String status = "Submitted";
  String message;
  Instant lastModified = submitTime;
  Instant endTime;
  private List<Input> inputs = List.of();
  private final List<String> inputFiles = new ArrayList<>();
  private final Map<String, List<String>> outputs = new LinkedHashMap<>();
  private int processed;
  private int succeeded;
  private int failed;
  private long inputTokens;
  private long outputTokens;
  private int step;
  private boolean stopSeen;

  BatchJobRun(
      String arn,
      String jobId,
      ObjectNode request,
      String modelId,
      ModelCatalog catalog,
      BatchSettings settings) {
    this.arn = arn;
    this.jobId = jobId;
    this.request = request;
    this.modelId = modelId;
    this.catalog = catalog;
    this.settings = settings;
    this.expire = settings.expireNext;
    this.partial = settings.partialNext;
    settings.expireNext = false;
    settings.partialNext = -1;
  }

  boolean terminal() {
    return switch (status) {
      case "Completed", "PartiallyCompleted", "Failed", "Stopped", "Expired" -> true;
      default -> false;
    };
  }

  /** One step along the status sequence (called on each Get). */
  void advance() {
    switch (status) {
      case "Submitted" -> set("Validating");
      case "Validating" -> validate();
      case "Scheduled" -> {
        if (expire) {
          message = "The job was not started before its timeout.";
          end("Expired");
        } else {
          set("InProgress");
          process();
        }
      }
      case "InProgress" -> process();
      case "Stopping" -> {
        if (stopSeen) {
          writeOutputs();
          end("Stopped");
        } else {
          stopSeen = true;
        }
      }
      default -> {}
    }
  }

  /** StopModelInvocationJob: false when the job has already ended. */
  boolean stop() {
    if (terminal()) {
      return false;
    }
    set("Stopping");
    return true;
  }

  private void set(String s) {
    status = s;
    lastModified = Instant.now();
  }

  private void end(String s) {
    set(s);
    endTime = lastModified;
  }

  private S3Client s3() {
    if (settings.s3 == null) {
      throw new IllegalStateException(
          "the emulator's batch jobs need S3: call batchJobs().s3Endpoint(...) or"
              + " s3Client(...) on the BedrockEmulator");
    }
    return settings.s3.get();
  }

  private void validate() {
    S3Location in =
        S3Location.parse(
            request.path("inputDataConfig").path("s3InputDataConfig").path("s3Uri").asText());
    List<String> keys = new ArrayList<>();
    if (in.key().endsWith(".jsonl")) {
      keys.add(in.key());
    } else if (in.key().isEmpty() || in.key().endsWith("/")) {
      for (S3Object o :
          s3().listObjectsV2Paginator(b -> b.bucket(in.bucket()).prefix(in.key())).contents()) {
        if (!o.key().endsWith("/")) {
          keys.add(o.key());
        }
      }
    } else {
      fail("Invalid input file extension for " + in + ". Supported file extension is .jsonl.");
      return;
    }
    keys.sort(null);
    List<Input> records = new ArrayList<>();
    for (String key : keys) {
      if (!key.endsWith(".jsonl")) {
        fail(
            "Invalid input file extension for s3://"
                + in.bucket()
                + "/"
                + key
                + ". Supported file extension is .jsonl.");
        return;
      }
      String file = key.substring(key.lastIndexOf('/') + 1);
      inputFiles.add(file);
      String text =
          s3().getObjectAsBytes(b -> b.bucket(in.bucket()).key(key))
              .asString(StandardCharsets.UTF_8);
      int lineNo = 0;
      for (String line : text.split("\n", -1)) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.parse(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          fail("Invalid JSONL format in " + file + " at line " + lineNo + ".");
          return;
        }
        if (!node.isObject() || !node.has("modelInput") || !node.get("modelInput").isObject()) {
          fail("Missing modelInput in " + file + " at line " + lineNo + ".");
          return;
        }
        String id = node.path("recordId").asText("");
        if (id.isEmpty()) {
          id = String.format("RECORD%07d", records.size() + 1);
        }
        records.add(new Input(file, id, node.get("modelInput")));
      }
    }
    if (records.size() < settings.minRecordsPerJob) {
      fail(
          "The number of records ("
              + records.size()
              + ") is less than the minimum of "
              + settings.minRecordsPerJob
              + " records per batch inference job.");
      return;
    }
    Collections.shuffle(records, new Random(settings.shuffleSeed));
    inputs = records;
    for (String f : inputFiles) {
      outputs.put(f, new ArrayList<>());
    }
    set("Scheduled");
  }

  private void fail(String why) {
    message = why;
    end("Failed");
  }

  /** Processes the next slice of records; the last slice ends the job. */
  private void process() {
    int steps = Math.max(1, settings.processingSteps);
    int limit = partial >= 0 ? Math.min(partial, inputs.size()) : inputs.size();
    step++;
    int until =
        step >= steps ? limit : Math.min(limit, (int) ((long) inputs.size() * step / steps));
    for (; processed < until; processed++) {
      Input in = inputs.get(processed);
      outputs.get(in.file()).add(answer(in, processed + 1));
    }
    if (step >= steps) {
      writeOutputs();
      if (processed < inputs.size()) {
        message = "The job timed out before all records were processed.";
        end("PartiallyCompleted");
      } else {
        end("Completed");
      }
    } else {
      lastModified = Instant.now();
    }
  }

  private String answer(Input in, int ordinal) {
    ObjectNode line = Json.object().put("recordId", in.recordId());
    line.set("modelInput", in.modelInput());
    if (settings.failEveryNth > 0 && ordinal % settings.failEveryNth == 0) {
      failed++;
      return error(line, 400, "The model could not process this record (injected failure).");
    }
    ModelFamily family = catalog.family(modelId, in.modelInput());
    if ("Converse".equals(request.path("modelInvocationType").asText("InvokeModel"))) {
      ConverseApi.RecordOutcome r = ConverseApi.batchRecord(in.modelInput(), family, modelId);
      if (r.problem() != null) {
        failed++;
        return error(line, 400, r.problem());
      }
      inputTokens += r.response().path("usage").path("inputTokens").asLong();
      outputTokens += r.response().path("usage").path("outputTokens").asLong();
      line.set("modelOutput", r.response());
      succeeded++;
      return Json.string(line);
    }
    String problem = family.validate(in.modelInput(), modelId, false);
    if (problem != null) {
      failed++;
      return error(line, 400, problem);
    }
    ModelFamily.Invocation r = family.invoke(in.modelInput(), modelId);
    inputTokens += r.inputTokens() == null ? 0 : r.inputTokens();
    outputTokens += r.outputTokens() == null ? 0 : r.outputTokens();
    line.set("modelOutput", r.body());
    succeeded++;
    return Json.string(line);
  }

  private static String error(ObjectNode line, int code, String message) {
    line.putObject("error").put("errorCode", code).put("errorMessage", message);
    return Json.string(line);
  }

  private void writeOutputs() {
    S3Location out =
        S3Location.parse(
                request.path("outputDataConfig").path("s3OutputDataConfig").path("s3Uri").asText())
            .child(jobId + "/");
    for (Map.Entry<String, List<String>> e : outputs.entrySet()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (String line : e.getValue()) {
        bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        bytes.write('\n');
      }
      S3Location at = out.child(e.getKey() + ".out");
      s3().putObject(
              b -> b.bucket(at.bucket()).key(at.key()), RequestBody.fromBytes(bytes.toByteArray()));
    }
    ObjectNode manifest =
        Json.object()
            .put("totalRecordCount", inputs.size())
            .put("processedRecordCount", processed)
            .put("successRecordCount", succeeded)
            .put("errorRecordCount", failed)
            .put("inputTokenCount", inputTokens)
            .put("outputTokenCount", outputTokens);
    S3Location at = out.child("manifest.json.out");
    s3().putObject(
            b -> b.bucket(at.bucket()).key(at.key()), RequestBody.fromBytes(Json.bytes(manifest)));
    outputs.values().forEach(List::clear);
  }

  /** The job as GetModelInvocationJob and the list summaries show it. */
  ObjectNode toJson() {
    ObjectNode j =
        Json.object()
            .put("jobArn", arn)
            .put("jobName", request.path("jobName").asText())
            .put("modelId", request.path("modelId").asText())
            .put("roleArn", request.path("roleArn").asText())
            .put("status", status)
            .put("submitTime", submitTime.toString())
            .put("lastModifiedTime", lastModified.toString());
    if (request.hasNonNull("clientRequestToken")) {
      j.put("clientRequestToken", request.get("clientRequestToken").asText());
    }
    if (message != null) {
      j.put("message", message);
    }
    if (endTime != null) {
      j.put("endTime", endTime.toString());
    }
    int hours = request.path("timeoutDurationInHours").asInt(24);
    j.put("timeoutDurationInHours", hours);
    j.put("jobExpirationTime", submitTime.plus(Duration.ofHours(hours)).toString());
    j.put("modelInvocationType", request.path("modelInvocationType").asText("InvokeModel"));
    j.set("inputDataConfig", request.get("inputDataConfig"));
    j.set("outputDataConfig", request.get("outputDataConfig"));
    if (request.hasNonNull("vpcConfig")) {
      j.set("vpcConfig", request.get("vpcConfig"));
    }
    if (!inputs.isEmpty() || processed > 0) {
      j.put("totalRecordCount", inputs.size())
          .put("processedRecordCount", processed)
          .put("successRecordCount", succeeded)
          .put("errorRecordCount", failed);
    }
    return j;
  }
}
