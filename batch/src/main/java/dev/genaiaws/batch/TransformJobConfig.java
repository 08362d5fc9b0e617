package dev.genaiaws.batch;

import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * A SageMaker batch transform over the model behind an endpoint: the job name, the endpoint (whose
 * model the job runs on its own instances), the container format, the S3 prefixes and the
 * instances.
 *
 * <pre>{@code
 * TransformJobConfig config = TransformJobConfig.builder()
 *     .jobName("summaries-2026-11-30")
 *     .endpointName("my-llama3-endpoint")         // or .modelName("my-llama3-model")
 *     .format(SageMakerFormats.TGI_LLAMA3)
 *     .inputUri("s3://my-bucket/transform/in/")
 *     .outputUri("s3://my-bucket/transform/out/")
 *     .instanceType("ml.g5.2xlarge")
 *     .outputKmsKeyId("alias/transform-output")   // optional, also .volumeKmsKeyId(...)
 *     .build();
 * }</pre>
 *
 * @param jobName 1–63 letters, digits and hyphens
 * @param endpointName the endpoint whose (first variant's) model runs the job, or {@code null} with
 *     modelName
 * @param modelName the SageMaker model to run, or {@code null} with endpointName
 * @param format the container format (a {@code SageMakerFormats} constant): how records are encoded
 *     and decoded
 * @param inputUri the {@code s3://} prefix under which the input files are written
 * @param outputUri the {@code s3://} prefix under which SageMaker writes {@code <input file>.out}
 * @param instanceType e.g. {@code ml.g5.2xlarge}
 * @param instanceCount how many instances, at least 1
 * @param maxPayloadMb the largest record in MB (SageMaker: 0–100, default 6)
 * @param tags tags for the job
 * @param volumeKmsKeyId the KMS key that encrypts the storage volumes of the job's instances, or
 *     {@code null}
 * @param outputKmsKeyId the KMS key SageMaker encrypts the output with (server-side), or {@code
 *     null} for the bucket's default encryption
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record TransformJobConfig(
    String jobName,
    String endpointName,
    String modelName,
    ModelFamily format,
    String inputUri,
    String outputUri,
    String instanceType,
    int instanceCount,
    int maxPayloadMb,
    Map<String, String> tags,
    String volumeKmsKeyId,
    String outputKmsKeyId) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  public TransformJobConfig {
    Checks.notBlank(jobName, "jobName");
    if (!NAME.matcher(jobName).matches()) {
      throw new InvalidRequestException(
          "jobName must be 1-63 letters, digits and hyphens (not at the start)"
              + " but was '"
              + jobName
              + "'");
    }
    if ((endpointName == null) == (modelName == null)) {
      throw new InvalidRequestException(
          "give exactly one of endpointName and modelName (the job runs that"
              + " model on its own instances)");
    }
    Checks.notNull(format, "format");
    Checks.notBlank(instanceType, "instanceType");
    if (instanceCount < 1) {
      throw new InvalidRequestException("instanceCount must be >= 1 but was " + instanceCount);
    }
    if (maxPayloadMb < 1 || maxPayloadMb > 100) {
      throw new InvalidRequestException("maxPayloadMb must be in [1, 100] but was " + maxPayloadMb);
    }
    inputUri = BatchJobConfig.s3Prefix(inputUri, "inputUri");
    outputUri = BatchJobConfig.s3Prefix(outputUri, "outputUri");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    volumeKmsKeyId = BatchJobConfig.kmsKey(volumeKmsKeyId, "volumeKmsKeyId");
    outputKmsKeyId = BatchJobConfig.kmsKey(outputKmsKeyId, "outputKmsKeyId");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b =
        new Builder()
            .jobName(jobName)
            .endpointName(endpointName)
            .modelName(modelName)
            .format(format)
            .inputUri(inputUri)
            .outputUri(outputUri)
            .instanceType(instanceType)
            .instanceCount(instanceCount)
            .maxPayloadMb(maxPayloadMb)
            .volumeKmsKeyId(volumeKmsKeyId)
            .outputKmsKeyId(outputKmsKeyId);
    b.tags.putAll(tags);
    return b;
  }

  /** Builds a {@link TransformJobConfig}. */
  public static final class Builder {
    private String jobName;
    private String endpointName;
    private String modelName;
    private ModelFamily format;
    private String inputUri;
    private String outputUri;
    private String instanceType;
    private int instanceCount = 1;
    private int maxPayloadMb = 6;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String volumeKmsKeyId;
    private String outputKmsKeyId;

    private Builder() {}

    public Builder jobName(String jobName) {
      this.jobName = jobName;
      return this;
    }

    public Builder endpointName(String endpointName) {
      this.endpointName = endpointName;
      return this;
    }

    public Builder modelName(String modelName) {
      this.modelName = modelName;
      return this;
    }

    public Builder format(ModelFamily format) {
      this.format = format;
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

    public Builder instanceType(String instanceType) {
      this.instanceType = instanceType;
      return this;
    }

    public Builder instanceCount(int instanceCount) {
      this.instanceCount = instanceCount;
      return this;
    }

    public Builder maxPayloadMb(int maxPayloadMb) {
      this.maxPayloadMb = maxPayloadMb;
      return this;
    }

    public Builder tag(String key, String value) {
      tags.put(Checks.notBlank(key, "tag key"), Checks.notNull(value, "tag value"));
      return this;
    }

    /**
     * The KMS key for the instances' storage volumes ({@code TransformResources.VolumeKmsKeyId}).
     */
    public Builder volumeKmsKeyId(String volumeKmsKeyId) {
      this.volumeKmsKeyId = volumeKmsKeyId;
      return this;
    }

    /** The KMS key for the output objects ({@code TransformOutput.KmsKeyId}). */
    public Builder outputKmsKeyId(String outputKmsKeyId) {
      this.outputKmsKeyId = outputKmsKeyId;
      return this;
    }

    public TransformJobConfig build() {
      return new TransformJobConfig(
          jobName,
          endpointName,
          modelName,
          format,
          inputUri,
          outputUri,
          instanceType,
          instanceCount,
          maxPayloadMb,
          tags,
          volumeKmsKeyId,
          outputKmsKeyId);
    }
  }
}
