package dev.genaiaws.customization;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.storage.GenerationStore;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * Everything a customization job needs. Training data comes as neutral examples or your own JSONL
 * bytes (both checked against the base model and uploaded through {@link #dataStore()}), or as an
 * S3 URI of a file already in place (not checked: the job validates it).
 *
 * <pre>{@code
 * CustomizationJobRequest r = CustomizationJobRequest.builder()
 *     .jobName("faq-tune-1").customModelName("faq-titan")
 *     .roleArn("arn:aws:iam::123456789012:role/BedrockCustomization")
 *     .baseModelId("amazon.titan-text-express-v1")
 *     .trainingExamples(examples).dataStore(store).dataPrefix("custom/faq")
 *     .outputS3Uri("s3://my-bucket/custom/faq/output/")
 *     .hyperParameters(h -> h.epochCount(2).learningRate(1e-5))
 *     .build();
 * }</pre>
 *
 * @param jobName the job's name (unique in the account and region); also names the uploaded files
 * @param customModelName the name of the model the job makes
 * @param roleArn the service role Bedrock assumes to read the data and write the output (see the
 *     docs)
 * @param baseModelId the base model (id or ARN)
 * @param type fine-tuning (default), continued pre-training or distillation
 * @param trainingExamples the training records as neutral examples, or empty
 * @param trainingJsonl the training file as JSONL bytes, or {@code null}
 * @param trainingS3Uri an uploaded training file, or {@code null}
 * @param validationExamples validation records as examples, or empty
 * @param validationJsonl the validation file as JSONL bytes, or {@code null}
 * @param validationS3Uri an uploaded validation file, or {@code null}
 * @param dataStore where examples and JSONL bytes are uploaded (an {@code S3GenerationStore});
 *     never closed
 * @param dataPrefix the key prefix of the uploads (files go to {@code
 *     <prefix>/<jobName>/training.jsonl})
 * @param outputS3Uri where the job writes its metrics ({@code s3://bucket/prefix/})
 * @param hyperParameters the training settings (checked against the model's ranges)
 * @param customModelKmsKeyId a KMS key for the custom model, or {@code null}
 * @param vpcSubnetIds subnets for a VPC job, or empty
 * @param vpcSecurityGroupIds security groups for a VPC job, or empty
 * @param teacherModelId the teacher of a distillation job, or {@code null}
 * @param maxResponseLengthForInference the teacher's response limit in tokens, or {@code null}
 * @param recordQuota your account's record quota for this model, checked when set
 * @param clientRequestToken an idempotency token, or {@code null}
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record CustomizationJobRequest(
    String jobName,
    String customModelName,
    String roleArn,
    String baseModelId,
    CustomizationType type,
    List<TrainingExample> trainingExamples,
    byte[] trainingJsonl,
    String trainingS3Uri,
    List<TrainingExample> validationExamples,
    byte[] validationJsonl,
    String validationS3Uri,
    GenerationStore dataStore,
    String dataPrefix,
    String outputS3Uri,
    HyperParameters hyperParameters,
    String customModelKmsKeyId,
    List<String> vpcSubnetIds,
    List<String> vpcSecurityGroupIds,
    String teacherModelId,
    Integer maxResponseLengthForInference,
    Integer recordQuota,
    String clientRequestToken) {

  public CustomizationJobRequest {
    Checks.notBlank(jobName, "jobName");
    Checks.notBlank(customModelName, "customModelName");
    Checks.notBlank(roleArn, "roleArn");
    Checks.notBlank(baseModelId, "baseModelId");
    Checks.notBlank(outputS3Uri, "outputS3Uri");
    if (!outputS3Uri.startsWith("s3://")) {
      throw new InvalidRequestException(
          "outputS3Uri must be an s3:// URI but was '" + outputS3Uri + "'");
    }
    type = type == null ? CustomizationType.FINE_TUNING : type;
    trainingExamples = Checks.copyOf(trainingExamples, "trainingExamples");
    validationExamples = Checks.copyOf(validationExamples, "validationExamples");
    int sources =
        (trainingExamples.isEmpty() ? 0 : 1)
            + (trainingJsonl == null ? 0 : 1)
            + (trainingS3Uri == null ? 0 : 1);
    if (sources != 1) {
      throw new InvalidRequestException(
          "give the training data exactly one way"
              + " (trainingExamples, trainingJsonl or trainingS3Uri) but "
              + sources
              + " were given");
    }
    if ((validationExamples.isEmpty() ? 0 : 1)
            + (validationJsonl == null ? 0 : 1)
            + (validationS3Uri == null ? 0 : 1)
        > 1) {
      throw new InvalidRequestException(
          "give the validation data at most one way"
              + " (validationExamples, validationJsonl or validationS3Uri)");
    }
    boolean uploads =
        trainingS3Uri == null || !validationExamples.isEmpty() || validationJsonl != null;
    if (uploads && dataStore == null) {
      throw new InvalidRequestException(
          "dataStore must be set to upload training"
              + " examples or JSONL bytes (an S3GenerationStore on the data bucket), or pass trainingS3Uri");
    }
    hyperParameters = hyperParameters == null ? HyperParameters.defaults() : hyperParameters;
    vpcSubnetIds = Checks.copyOf(vpcSubnetIds, "vpcSubnetIds");
    vpcSecurityGroupIds = Checks.copyOf(vpcSecurityGroupIds, "vpcSecurityGroupIds");
    if (vpcSubnetIds.isEmpty() != vpcSecurityGroupIds.isEmpty()) {
      throw new InvalidRequestException(
          "a VPC job needs both subnet ids and" + " security group ids");
    }
    trainingJsonl = trainingJsonl == null ? null : trainingJsonl.clone();
    validationJsonl = validationJsonl == null ? null : validationJsonl.clone();
    dataPrefix = dataPrefix == null ? "" : dataPrefix.replaceAll("^/+|/+$", "");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public byte[] trainingJsonl() {
    return trainingJsonl == null ? null : trainingJsonl.clone();
  }

  @Override
  public byte[] validationJsonl() {
    return validationJsonl == null ? null : validationJsonl.clone();
  }

  @Override
  public String toString() {
    return "CustomizationJobRequest["
        + jobName
        + ", "
        + type
        + " of "
        + baseModelId
        + ", training="
        + (trainingS3Uri != null
            ? trainingS3Uri
            : trainingJsonl != null
                ? trainingJsonl.length + " bytes"
                : trainingExamples.size() + " examples")
        + ", "
        + hyperParameters
        + "]";
  }

  /** Builder for {@link CustomizationJobRequest}. */
  public static final class Builder {
    private String jobName;
    private String customModelName;
    private String roleArn;
    private String baseModelId;
    private CustomizationType type;
    private List<TrainingExample> trainingExamples = List.of();
    private byte[] trainingJsonl;
    private String trainingS3Uri;
    private List<TrainingExample> validationExamples = List.of();
    private byte[] validationJsonl;
    private String validationS3Uri;
    private GenerationStore dataStore;
    private String dataPrefix;
    private String outputS3Uri;
    private HyperParameters hyperParameters = HyperParameters.defaults();
    private String customModelKmsKeyId;
    private List<String> vpcSubnetIds = List.of();
    private List<String> vpcSecurityGroupIds = List.of();
    private String teacherModelId;
    private Integer maxResponseLengthForInference;
    private Integer recordQuota;
    private String clientRequestToken;

    private Builder() {}

    public Builder jobName(String jobName) {
      this.jobName = jobName;
      return this;
    }

    public Builder customModelName(String customModelName) {
      this.customModelName = customModelName;
      return this;
    }

    public Builder roleArn(String roleArn) {
      this.roleArn = roleArn;
      return this;
    }

    public Builder baseModelId(String baseModelId) {
      this.baseModelId = baseModelId;
      return this;
    }

    public Builder type(CustomizationType type) {
      this.type = type;
      return this;
    }

    public Builder trainingExamples(List<? extends TrainingExample> examples) {
      this.trainingExamples = examples == null ? List.of() : List.copyOf(examples);
      return this;
    }

    public Builder trainingJsonl(byte[] jsonl) {
      this.trainingJsonl = jsonl;
      return this;
    }

    public Builder trainingS3Uri(String uri) {
      this.trainingS3Uri = uri;
      return this;
    }

    public Builder validationExamples(List<? extends TrainingExample> examples) {
      this.validationExamples = examples == null ? List.of() : List.copyOf(examples);
      return this;
    }

    public Builder validationJsonl(byte[] jsonl) {
      this.validationJsonl = jsonl;
      return this;
    }

    public Builder validationS3Uri(String uri) {
      this.validationS3Uri = uri;
      return this;
    }

    public Builder dataStore(GenerationStore store) {
      this.dataStore = store;
      return this;
    }

    public Builder dataPrefix(String prefix) {
      this.dataPrefix = prefix;
      return this;
    }

    public Builder outputS3Uri(String uri) {
      this.outputS3Uri = uri;
      return this;
    }

    public Builder hyperParameters(HyperParameters hp) {
      this.hyperParameters = hp;
      return this;
    }

    /** Edits the hyper-parameters in place: {@code .hyperParameters(h -> h.epochCount(2))}. */
    public Builder hyperParameters(java.util.function.Consumer<HyperParameters.Builder> spec) {
      HyperParameters.Builder b =
          (hyperParameters == null ? HyperParameters.defaults() : hyperParameters).toBuilder();
      spec.accept(b);
      this.hyperParameters = b.build();
      return this;
    }

    public Builder customModelKmsKeyId(String kmsKeyId) {
      this.customModelKmsKeyId = kmsKeyId;
      return this;
    }

    /** Runs the job in your VPC. */
    public Builder vpc(List<String> subnetIds, List<String> securityGroupIds) {
      this.vpcSubnetIds = subnetIds == null ? List.of() : subnetIds;
      this.vpcSecurityGroupIds = securityGroupIds == null ? List.of() : securityGroupIds;
      return this;
    }

    /**
     * The teacher of a distillation job and its response limit in tokens ({@code null}: the
     * default).
     */
    public Builder teacher(String teacherModelId, Integer maxResponseLengthForInference) {
      this.teacherModelId = teacherModelId;
      this.maxResponseLengthForInference = maxResponseLengthForInference;
      return this;
    }

    /**
     * Your account's "Sum of training and validation records" quota for this model (Service
     * Quotas).
     */
    public Builder recordQuota(Integer recordQuota) {
      this.recordQuota = recordQuota;
      return this;
    }

    public Builder clientRequestToken(String token) {
      this.clientRequestToken = token;
      return this;
    }

    public CustomizationJobRequest build() {
      return new CustomizationJobRequest(
          jobName,
          customModelName,
          roleArn,
          baseModelId,
          type,
          trainingExamples,
          trainingJsonl,
          trainingS3Uri,
          validationExamples,
          validationJsonl,
          validationS3Uri,
          dataStore,
          dataPrefix,
          outputS3Uri,
          hyperParameters,
          customModelKmsKeyId,
          vpcSubnetIds,
          vpcSecurityGroupIds,
          teacherModelId,
          maxResponseLengthForInference,
          recordQuota,
          clientRequestToken);
    }
  }
}
