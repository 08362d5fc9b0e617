package dev.genaiaws.sagemaker;

import dev.genaiaws.core.ProviderOptions;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * SageMaker-specific settings of one call, sent as {@code X-Amzn-SageMaker-*} headers. Attach to a
 * generation or embedding request:
 *
 * <pre>{@code
 * client.generate(r -> r.modelId("jumpstart-llama-2-7b-chat")
 *     .option(SageMakerOptions.builder().targetVariant("Canary").acceptEula().build())
 *     .user("Hello"));
 * }</pre>
 *
 * <p>Which production variant answered is reported in the response metadata attribute {@link
 * SageMakerGenerationClient#ATTR_INVOKED_VARIANT} ({@code invokedVariant}).
 *
 * @param targetVariant the production variant to call instead of the traffic split's choice, or
 *     {@code null}
 * @param targetModel for multi-model endpoints: the model artifact to run (e.g. {@code
 *     model-a.tar.gz}), or {@code null}; not available on response streams
 * @param targetContainerHostname for multi-container endpoints with direct invocation, or {@code
 *     null}
 * @param inferenceComponent the inference component to call on an endpoint that hosts several, or
 *     {@code null}
 * @param customAttributes opaque text passed to the container (e.g. {@code accept_eula=true} for
 *     JumpStart Llama models), at most 1024 visible ASCII characters, or {@code null}
 * @param inferenceId your id for the call, logged by SageMaker (data capture, async inference), at
 *     most 64 characters, or {@code null}
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record SageMakerOptions(
    String targetVariant,
    String targetModel,
    String targetContainerHostname,
    String inferenceComponent,
    String customAttributes,
    String inferenceId)
    implements ProviderOptions {

  /** The custom attribute JumpStart Llama 2 endpoints require to accept Meta's licence. */
  public static final String ACCEPT_EULA = "accept_eula=true";

  public SageMakerOptions {
    if (customAttributes != null) {
      if (customAttributes.length() > 1024) {
        throw new InvalidRequestException(
            "customAttributes must be at most 1024 characters but had "
                + customAttributes.length());
      }
      for (int i = 0; i < customAttributes.length(); i++) {
        char c = customAttributes.charAt(i);
        if (c < 0x20 || c > 0x7e) {
          throw new InvalidRequestException(
              "customAttributes must be visible ASCII but has character " + (int) c + " at " + i);
        }
      }
    }
    if (inferenceId != null && (inferenceId.isBlank() || inferenceId.length() > 64)) {
      throw new InvalidRequestException(
          "inferenceId must be 1 to 64 characters but had " + inferenceId.length());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options that only set the custom attribute {@code accept_eula=true}. */
  public static SageMakerOptions acceptEulaOnly() {
    return builder().acceptEula().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (targetVariant != null) {
      parts.add("targetVariant=" + targetVariant);
    }
    if (targetModel != null) {
      parts.add("targetModel=" + targetModel);
    }
    if (targetContainerHostname != null) {
      parts.add("targetContainerHostname=" + targetContainerHostname);
    }
    if (inferenceComponent != null) {
      parts.add("inferenceComponent=" + inferenceComponent);
    }
    if (customAttributes != null) {
      parts.add("customAttributes=" + customAttributes.length() + " chars");
    }
    if (inferenceId != null) {
      parts.add("inferenceId=" + inferenceId);
    }
    return "SageMakerOptions" + parts;
  }

  /** Builder for {@link SageMakerOptions}; every setting is optional. */
  public static final class Builder {
    private String targetVariant;
    private String targetModel;
    private String targetContainerHostname;
    private String inferenceComponent;
    private String customAttributes;
    private String inferenceId;

    private Builder() {}

    private Builder(SageMakerOptions o) {
      targetVariant = o.targetVariant;
      targetModel = o.targetModel;
      targetContainerHostname = o.targetContainerHostname;
      inferenceComponent = o.inferenceComponent;
      customAttributes = o.customAttributes;
      inferenceId = o.inferenceId;
    }

    /** The production variant to call ({@code X-Amzn-SageMaker-Target-Variant}). */
    public Builder targetVariant(String targetVariant) {
      this.targetVariant = targetVariant;
      return this;
    }

    /** The model of a multi-model endpoint to run ({@code X-Amzn-SageMaker-Target-Model}). */
    public Builder targetModel(String targetModel) {
      this.targetModel = targetModel;
      return this;
    }

    /**
     * The container of a multi-container endpoint ({@code
     * X-Amzn-SageMaker-Target-Container-Hostname}).
     */
    public Builder targetContainerHostname(String targetContainerHostname) {
      this.targetContainerHostname = targetContainerHostname;
      return this;
    }

    /** The inference component to call ({@code X-Amzn-SageMaker-Inference-Component}). */
    public Builder inferenceComponent(String inferenceComponent) {
      this.inferenceComponent = inferenceComponent;
      return this;
    }

    /** Replaces the custom attributes ({@code X-Amzn-SageMaker-Custom-Attributes}). */
    public Builder customAttributes(String customAttributes) {
      this.customAttributes = customAttributes;
      return this;
    }

    /**
     * Adds {@code accept_eula=true} to the custom attributes (joined with {@code ;} to any already
     * set): JumpStart Llama endpoints refuse calls without it.
     */
    public Builder acceptEula() {
      if (customAttributes == null || customAttributes.isEmpty()) {
        customAttributes = ACCEPT_EULA;
      } else if (!customAttributes.contains(ACCEPT_EULA)) {
        customAttributes = customAttributes + ";" + ACCEPT_EULA;
      }
      return this;
    }

    /** Your id for the call ({@code X-Amzn-SageMaker-Inference-Id}). */
    public Builder inferenceId(String inferenceId) {
      this.inferenceId = inferenceId;
      return this;
    }

    public SageMakerOptions build() {
      return new SageMakerOptions(
          targetVariant,
          targetModel,
          targetContainerHostname,
          inferenceComponent,
          customAttributes,
          inferenceId);
    }
  }
}
