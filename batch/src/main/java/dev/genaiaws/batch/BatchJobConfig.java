package dev.genaiaws.batch;

import dev.genaiaws.bedrock.BedrockApi;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.job.VpcConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * Where and how a Bedrock batch inference job runs: its name, the model, the service role Bedrock
 * assumes to read and write S3, the S3 prefixes for input and output, the time-out and tags;
 * optionally the record API (InvokeModel or Converse), the VPC the job runs in and the KMS key for
 * its output.
 *
 * <pre>{@code
 * BatchJobConfig config = BatchJobConfig.builder()
 *     .jobName("blog-posts-2026-11-29")
 *     .modelId("us.anthropic.claude-3-5-haiku-20241022-v1:0")
 *     .roleArn("arn:aws:iam::123456789012:role/BedrockBatchRole")
 *     .inputUri("s3://my-bucket/batch/in/")      // the client writes <inputUri>/<jobName>/part-00001.jsonl ...
 *     .outputUri("s3://my-bucket/batch/out/")    // Bedrock writes <outputUri>/<job id>/part-00001.jsonl.out ...
 *     .timeoutHours(48)
 *     .tag("project", "blog")
 *     .vpc(VpcConfig.of(List.of("subnet-0a1b2c3d"), List.of("sg-0123456789abcdef0")))   // optional
 *     .outputKmsKeyId("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab") // optional
 *     .build();
 * }</pre>
 *
 * @param jobName 1–63 characters: letters, digits, and {@code - + .} after the first character
 * @param modelId the model or cross-Region inference profile id (provisioned-throughput ARNs cannot
 *     run batch)
 * @param roleArn the IAM service role Bedrock assumes (see {@code docs/batch.md} for its policy)
 * @param inputUri the {@code s3://} prefix under which the input files are written
 * @param outputUri the {@code s3://} prefix under which Bedrock writes the results
 * @param timeoutHours hours after which the job times out, 24–168, or {@code null} for the service
 *     default
 * @param tags tags for the job
 * @param clientRequestToken an idempotency token, or {@code null}
 * @param api how records are written: {@link BedrockApi#INVOKE_MODEL} (the model's own body, by its
 *     family codec), {@link BedrockApi#CONVERSE} (Converse request bodies, job type {@code
 *     Converse}), or {@link BedrockApi#AUTO} (the default: InvokeModel when a family codec knows
 *     the model, else Converse)
 * @param vpc the VPC the job runs in, or {@code null}
 * @param outputKmsKeyId the KMS key (id, ARN, alias name or alias ARN) that encrypts the output, or
 *     {@code null} for the bucket's default encryption
 * @param quotaModelName the model's name in Service Quotas (e.g. {@code "Claude 3.5 Haiku"}), whose
 *     batch quotas a client built with {@link BatchQuotas} checks the input against, or {@code
 *     null} for the client's limits
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record BatchJobConfig(
    String jobName,
    String modelId,
    String roleArn,
    String inputUri,
    String outputUri,
    Integer timeoutHours,
    Map<String, String> tags,
    String clientRequestToken,
    BedrockApi api,
    VpcConfig vpc,
    String outputKmsKeyId,
    String quotaModelName) {
  private static final Pattern JOB_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9+.])*");
  private static final Pattern ROLE = Pattern.compile("arn:aws(-[^:]+)?:iam::\\d{12}:role/.+");

  /** A KMS key id, key ARN, alias name or alias ARN (the Bedrock API's pattern). */
  private static final Pattern KMS_KEY =
      Pattern.compile(
          "(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:"
              + "((key/[a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)))|([a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)");

  public BatchJobConfig {
    Checks.notBlank(jobName, "jobName");
    if (jobName.length() > 63 || !JOB_NAME.matcher(jobName).matches()) {
      throw new InvalidRequestException(
          "jobName must be 1-63 letters, digits and '-', '+', '.' (starting with a"
              + " letter or digit) but was '"
              + jobName
              + "'");
    }
    Checks.notBlank(modelId, "modelId");
    Checks.notBlank(roleArn, "roleArn");
    if (!ROLE.matcher(roleArn).matches()) {
      throw new InvalidRequestException(
          "roleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)"
              + " but was '"
              + roleArn
              + "'");
    }
    inputUri = s3Prefix(inputUri, "inputUri");
    outputUri = s3Prefix(outputUri, "outputUri");
    if (timeoutHours != null && (timeoutHours < 24 || timeoutHours > 168)) {
      throw new InvalidRequestException(
          "timeoutHours must be in [24, 168] but was " + timeoutHours);
    }
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    if (clientRequestToken != null && clientRequestToken.isBlank()) {
      clientRequestToken = null;
    }
    api = api == null ? BedrockApi.AUTO : api;
    outputKmsKeyId = kmsKey(outputKmsKeyId, "outputKmsKeyId");
    quotaModelName =
        quotaModelName == null || quotaModelName.isBlank() ? null : quotaModelName.strip();
  }

  /**
   * A KMS key reference checked against the pattern the services accept, or {@code null} when
   * blank.
   */
  static String kmsKey(String key, String field) {
    if (key == null || key.isBlank()) {
      return null;
    }
    if (key.length() > 2048 || !KMS_KEY.matcher(key).matches()) {
      throw new InvalidRequestException(
          field
              + " must be a KMS key id, key ARN, alias name (alias/...) or alias"
              + " ARN but was '"
              + key
              + "'");
    }
    return key;
  }

  static String s3Prefix(String uri, String field) {
    Checks.notBlank(uri, field);
    if (!uri.startsWith("s3://") || uri.length() <= 5 || uri.charAt(5) == '/') {
      throw new InvalidRequestException(
          field + " must be an s3://bucket/prefix/ URI but was '" + uri + "'");
    }
    return uri.endsWith("/") ? uri : uri + "/";
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b =
        new Builder()
            .jobName(jobName)
            .modelId(modelId)
            .roleArn(roleArn)
            .inputUri(inputUri)
            .outputUri(outputUri)
            .timeoutHours(timeoutHours)
            .clientRequestToken(clientRequestToken)
            .api(api)
            .vpc(vpc)
            .outputKmsKeyId(outputKmsKeyId)
            .quotaModelName(quotaModelName);
    b.tags.putAll(tags);
    return b;
  }

  /** Builds a {@link BatchJobConfig}. */
  public static final class Builder {
    private String jobName;
    private String modelId;
    private String roleArn;
    private String inputUri;
    private String outputUri;
    private Integer timeoutHours;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String clientRequestToken;
    private BedrockApi api = BedrockApi.AUTO;
    private VpcConfig vpc;
    private String outputKmsKeyId;
    private String quotaModelName;

    private Builder() {}

    public Builder jobName(String jobName) {
      this.jobName = jobName;
      return this;
    }

    public Builder modelId(String modelId) {
      this.modelId = modelId;
      return this;
    }

    public Builder roleArn(String roleArn) {
      this.roleArn = roleArn;
      return this;
    }

    public Builder inputUri(String inputUri) {
      this.inputUri = inputUri;
      return this;
    }

    public Builder outputUri(String outputUri) {
      this.outputUri = outputUri;
      return this;
    }

    public Builder timeoutHours(Integer timeoutHours) {
      this.timeoutHours = timeoutHours;
      return this;
    }

    public Builder tag(String key, String value) {
      tags.put(Checks.notBlank(key, "tag key"), Checks.notNull(value, "tag value"));
      return this;
    }

    public Builder tags(Map<String, String> tags) {
      this.tags.clear();
      if (tags != null) {
        tags.forEach(this::tag);
      }
      return this;
    }

    public Builder clientRequestToken(String clientRequestToken) {
      this.clientRequestToken = clientRequestToken;
      return this;
    }

    /**
     * How records are written (default {@link BedrockApi#AUTO}: InvokeModel bodies when a family
     * codec knows the model, else Converse). {@link BedrockApi#CONVERSE} also runs requests a
     * family's own API cannot express (documents, reasoning settings) on a model that has a codec.
     * Embedding jobs are always InvokeModel.
     */
    public Builder api(BedrockApi api) {
      this.api = api;
      return this;
    }

    /** Runs the job in your VPC (subnets and security groups); {@code null} for none. */
    public Builder vpc(VpcConfig vpc) {
      this.vpc = vpc;
      return this;
    }

    /**
     * The KMS key that encrypts the job's output in S3 ({@code s3EncryptionKeyId}); {@code null}
     * for none.
     */
    public Builder outputKmsKeyId(String outputKmsKeyId) {
      this.outputKmsKeyId = outputKmsKeyId;
      return this;
    }

    /**
     * The model's name as its Service Quotas quotas spell it ({@code "Records per batch inference
     * job for <name>"}): the job's input is then checked against the account's quotas read by the
     * client's {@link BatchQuotas} ({@code BedrockBatchClient.builder().quotas(...)}).
     */
    public Builder quotaModelName(String quotaModelName) {
      this.quotaModelName = quotaModelName;
      return this;
    }

    public BatchJobConfig build() {
      return new BatchJobConfig(
          jobName,
          modelId,
          roleArn,
          inputUri,
          outputUri,
          timeoutHours,
          tags,
          clientRequestToken,
          api,
          vpc,
          outputKmsKeyId,
          quotaModelName);
    }
  }
}
