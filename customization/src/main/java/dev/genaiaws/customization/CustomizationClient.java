package dev.genaiaws.customization;

import dev.genaiaws.aws.EndpointClientBuilderBase;
import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.customization.internal.ControlCalls;
import dev.genaiaws.storage.GenerationStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.CreateModelCustomizationJobRequest;
import software.amazon.awssdk.services.bedrock.model.CustomizationConfig;
import software.amazon.awssdk.services.bedrock.model.DistillationConfig;
import software.amazon.awssdk.services.bedrock.model.TeacherModelConfig;
import software.amazon.awssdk.services.bedrock.model.Validator;

/**
 * Custom models on Amazon Bedrock in a few typed calls: submit a fine-tuning, continued
 * pre-training or distillation job with checked data and hyper-parameters, follow it, then serve
 * the result with provisioned throughput or an on-demand deployment.
 *
 * <pre>{@code
 * try (CustomizationClient customization = CustomizationClient.builder().region(Region.US_EAST_1).build();
 *      S3GenerationStore data = S3GenerationStore.builder().bucket("my-bucket").build()) {
 *   CustomizationJob job = customization.submit(r -> r
 *       .jobName("faq-tune-1").customModelName("faq-titan").roleArn(roleArn)
 *       .baseModelId("amazon.titan-text-express-v1")
 *       .trainingExamples(examples).dataStore(data).dataPrefix("custom/faq")
 *       .outputS3Uri("s3://my-bucket/custom/faq/output/")
 *       .hyperParameters(h -> h.epochCount(2)));
 *   job.await(Duration.ofHours(6));
 *   ProvisionedThroughput pt = customization.provision(p -> p.name("faq-pt")
 *       .modelId(job.customModelArn().orElseThrow()).modelUnits(1));
 *   pt.await(Duration.ofMinutes(30));
 * }
 * }</pre>
 *
 * <p><b>Checked before anything is uploaded or submitted</b>: that the base model can be customized
 * this way ({@link CustomizableModel}), every hyper-parameter against its documented range, and
 * every training and validation record ({@link TrainingData}); all problems are reported at once
 * ({@link TrainingDataException}, with line numbers) with what to change.
 *
 * <p><b>Resources.</b> Thread-safe. A {@link BedrockClient} you pass is never closed here; one this
 * class builds (Apache HTTP client, since updates use PATCH; SDK retries off) is closed by {@link
 * #close()}. A client you pass must be able to send PATCH (not the url-connection client) for
 * {@code update} calls. Stores you pass are never closed. Control-plane calls are not retried
 * (waits poll again anyway); failures are the SDK's {@code GenAiException}s with the service's
 * request id.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CustomizationClient implements AutoCloseable {
  private static final Duration CONTROL_READ_TIMEOUT = Duration.ofSeconds(60);
  private final BedrockClient bedrock;
  private final boolean ownsClient;
  private final AwaitPolicy awaitPolicy;
  private final AtomicBoolean closed = new AtomicBoolean();

  @SuppressWarnings(
      "deprecation") // SDK 2.57 deprecates the Apache 4 client for apache5-client, which we exclude
  private CustomizationClient(Builder b, AwsClientConfig config) {
    if (b.bedrock != null) {
      this.bedrock = b.bedrock;
      this.ownsClient = false;
    } else {
      // url-connection cannot send PATCH (UpdateProvisionedModelThroughput): the Apache client
      // replaces it
      this.bedrock =
          config
              .sync(BedrockClient.builder())
              .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(CONTROL_READ_TIMEOUT))
              .build();
      this.ownsClient = true;
    }
    this.awaitPolicy = b.awaitPolicy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Checks, uploads and submits; see {@link #submit(CustomizationJobRequest)}. */
  public CustomizationJob submit(Consumer<CustomizationJobRequest.Builder> spec) {
    CustomizationJobRequest.Builder b = CustomizationJobRequest.builder();
    spec.accept(b);
    return submit(b.build());
  }

  /**
   * Checks the request against the base model, uploads the data given as examples or bytes, and
   * starts the job ({@code CreateModelCustomizationJob}).
   *
   * @throws InvalidRequestException when the base model cannot be customized this way, or a
   *     hyper-parameter is out of range ({@link TrainingDataException} when records are bad too);
   *     nothing is uploaded then
   */
  public CustomizationJob submit(CustomizationJobRequest request) {
    Checks.notNull(request, "request");
    CustomizableModel model = CustomizableModel.of(request.baseModelId());
    CustomizationType type = request.type();
    model.rules(type);
    List<DataViolation> problems = new ArrayList<>();
    model
        .check(request.hyperParameters())
        .forEach(p -> problems.add(new DataViolation("hyperParameters", 0, p)));
    if (type == CustomizationType.DISTILLATION && request.teacherModelId() == null) {
      problems.add(
          new DataViolation(
              "teacher", 0, "a distillation job needs a teacher model: set teacher(...)"));
    }
    if (type != CustomizationType.DISTILLATION && request.teacherModelId() != null) {
      problems.add(
          new DataViolation(
              "teacher", 0, "a teacher model is only for DISTILLATION jobs; remove it"));
    }
    byte[] training =
        request.trainingS3Uri() != null
            ? null
            : request.trainingJsonl() != null
                ? request.trainingJsonl()
                : TrainingData.toJsonl(request.trainingExamples());
    byte[] validation =
        request.validationJsonl() != null
            ? request.validationJsonl()
            : request.validationExamples().isEmpty()
                ? null
                : TrainingData.toJsonl(request.validationExamples());
    if (training != null) {
      problems.addAll(
          TrainingData.check(
              model, type, request.hyperParameters(), training, validation, request.recordQuota()));
    } else if (validation != null && !model.rules(type).validationData()) {
      problems.add(
          new DataViolation(
              "validation", 0, model.modelId() + " takes no validation data for " + type));
    }
    if (!problems.isEmpty()) {
      throw new TrainingDataException(model.modelId(), type, problems);
    }
    String prefix =
        request.dataPrefix().isEmpty()
            ? request.jobName()
            : request.dataPrefix() + "/" + request.jobName();
    String trainingUri =
        training == null
            ? request.trainingS3Uri()
            : upload(request.dataStore(), prefix + "/training.jsonl", training);
    String validationUri =
        validation == null
            ? request.validationS3Uri()
            : upload(request.dataStore(), prefix + "/validation.jsonl", validation);

    CreateModelCustomizationJobRequest.Builder create =
        CreateModelCustomizationJobRequest.builder()
            .jobName(request.jobName())
            .customModelName(request.customModelName())
            .roleArn(request.roleArn())
            .baseModelIdentifier(request.baseModelId())
            .customizationType(type.name())
            .trainingDataConfig(t -> t.s3Uri(trainingUri))
            .outputDataConfig(o -> o.s3Uri(request.outputS3Uri()))
            .clientRequestToken(request.clientRequestToken())
            .customModelKmsKeyId(request.customModelKmsKeyId());
    if (type != CustomizationType.DISTILLATION) {
      create.hyperParameters(request.hyperParameters().toWire());
    } else {
      create.customizationConfig(
          CustomizationConfig.fromDistillationConfig(
              DistillationConfig.builder()
                  .teacherModelConfig(
                      TeacherModelConfig.builder()
                          .teacherModelIdentifier(request.teacherModelId())
                          .maxResponseLengthForInference(request.maxResponseLengthForInference())
                          .build())
                  .build()));
    }
    if (validationUri != null) {
      create.validationDataConfig(
          v -> v.validators(Validator.builder().s3Uri(validationUri).build()));
    }
    if (!request.vpcSubnetIds().isEmpty()) {
      create.vpcConfig(
          v -> v.subnetIds(request.vpcSubnetIds()).securityGroupIds(request.vpcSecurityGroupIds()));
    }
    String arn =
        ControlCalls.call(
                request.baseModelId(), () -> bedrock.createModelCustomizationJob(create.build()))
            .jobArn();
    return new CustomizationJob(arn, bedrock, awaitPolicy);
  }

  private static String upload(GenerationStore store, String key, byte[] jsonl) {
    URI uri = store.putBytes(key, jsonl, "application/jsonl");
    return uri.toString();
  }

  /** A handle on an existing job, from its ARN (another process may have submitted it). */
  public CustomizationJob attach(String jobArn) {
    return new CustomizationJob(requireArn(jobArn, "jobArn"), bedrock, awaitPolicy);
  }

  /** Buys provisioned throughput; see {@link #provision(ProvisionedThroughputRequest)}. */
  public ProvisionedThroughput provision(Consumer<ProvisionedThroughputRequest.Builder> spec) {
    ProvisionedThroughputRequest.Builder b = ProvisionedThroughputRequest.builder();
    spec.accept(b);
    return provision(b.build());
  }

  /**
   * Buys provisioned throughput for a model ({@code CreateProvisionedModelThroughput}). <b>It bills
   * by the hour until you {@link ProvisionedThroughput#delete()} it.</b>
   */
  public ProvisionedThroughput provision(ProvisionedThroughputRequest request) {
    String arn =
        ControlCalls.call(
                request.modelId(),
                () ->
                    bedrock.createProvisionedModelThroughput(
                        r ->
                            r.provisionedModelName(request.name())
                                .modelId(request.modelId())
                                .modelUnits(request.modelUnits())
                                .commitmentDuration(request.commitment().wireName())
                                .clientRequestToken(request.clientRequestToken())))
            .provisionedModelArn();
    return new ProvisionedThroughput(arn, bedrock, awaitPolicy);
  }

  /** A handle on existing provisioned throughput, from its ARN. */
  public ProvisionedThroughput attachProvisionedThroughput(String provisionedModelArn) {
    return new ProvisionedThroughput(
        requireArn(provisionedModelArn, "provisionedModelArn"), bedrock, awaitPolicy);
  }

  /**
   * Deploys a custom model for on-demand use ({@code CreateCustomModelDeployment}).
   *
   * @param description a description, or {@code null}
   */
  public CustomModelDeployment deploy(
      String deploymentName, String customModelArn, String description) {
    if (deploymentName == null || deploymentName.isBlank()) {
      throw new InvalidRequestException("deploymentName must not be blank");
    }
    requireArn(customModelArn, "customModelArn");
    String arn =
        ControlCalls.call(
                customModelArn,
                () ->
                    bedrock.createCustomModelDeployment(
                        r ->
                            r.modelDeploymentName(deploymentName)
                                .modelArn(customModelArn)
                                .description(description)))
            .customModelDeploymentArn();
    return new CustomModelDeployment(arn, bedrock, awaitPolicy);
  }

  /** A handle on an existing deployment, from its ARN. */
  public CustomModelDeployment attachDeployment(String deploymentArn) {
    return new CustomModelDeployment(
        requireArn(deploymentArn, "deploymentArn"), bedrock, awaitPolicy);
  }

  /** The control-plane client (for operations this class has no method for); do not close it. */
  public BedrockClient bedrockClient() {
    return bedrock;
  }

  private static String requireArn(String arn, String field) {
    if (arn == null || !arn.startsWith("arn:")) {
      throw new InvalidRequestException(
          field + " must be an ARN (arn:aws:bedrock:...) but was '" + arn + "'");
    }
    return arn;
  }

  /** Closes the Bedrock client this class built (never one passed in). Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsClient) {
      bedrock.close();
    }
  }

  @Override
  public String toString() {
    return "CustomizationClient[" + awaitPolicy + "]";
  }

  /** Builder for {@link CustomizationClient}. */
  public static final class Builder extends EndpointClientBuilderBase<Builder> {
    private BedrockClient bedrock;
    private AwaitPolicy awaitPolicy = AwaitPolicy.defaults();

    private Builder() {}

    /** A control-plane client to use; never closed by the customization client. */
    public Builder bedrockClient(BedrockClient bedrock) {
      this.bedrock = bedrock;
      return this;
    }

    /**
     * How waits poll (default {@link AwaitPolicy#defaults()}); tests pass one with a recording
     * sleeper.
     */
    public Builder awaitPolicy(AwaitPolicy awaitPolicy) {
      this.awaitPolicy = Checks.notNull(awaitPolicy, "awaitPolicy");
      return this;
    }

    public CustomizationClient build() {
      return new CustomizationClient(this, awsConfig(CONTROL_READ_TIMEOUT));
    }
  }
}
