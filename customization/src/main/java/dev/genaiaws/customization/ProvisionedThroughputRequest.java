package dev.genaiaws.customization;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import org.jspecify.annotations.NullUnmarked;

/**
 * Provisioned throughput to buy ({@code CreateProvisionedModelThroughput}). It bills by the hour
 * per model unit from creation until deleted; a commitment bills for its whole term at a lower
 * rate.
 *
 * @param name the provisioned model's name (1 to 63 characters)
 * @param modelId the custom model ARN (or base model id) to serve
 * @param modelUnits how many model units (at least 1; committed units are requested through AWS
 *     Support)
 * @param commitment {@link Commitment#NONE} (default, hourly, delete any time) or a one- or
 *     six-month term
 * @param clientRequestToken an idempotency token, or {@code null}
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record ProvisionedThroughputRequest(
    String name, String modelId, int modelUnits, Commitment commitment, String clientRequestToken) {

  /** The commitment term. */
  public enum Commitment {
    /** No commitment: hourly billing, delete any time. */
    NONE(null),
    ONE_MONTH("OneMonth"),
    SIX_MONTHS("SixMonths");

    private final String wire;

    Commitment(String wire) {
      this.wire = wire;
    }

    /** The API's value, or {@code null} for no commitment (the field is left out). */
    public String wireName() {
      return wire;
    }
  }

  public ProvisionedThroughputRequest {
    Checks.notBlank(name, "name");
    if (name.length() > 63) {
      throw new InvalidRequestException("name must be 1 to 63 characters but was " + name.length());
    }
    Checks.notBlank(modelId, "modelId");
    if (modelUnits < 1) {
      throw new InvalidRequestException("modelUnits must be >= 1 but was " + modelUnits);
    }
    commitment = commitment == null ? Commitment.NONE : commitment;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link ProvisionedThroughputRequest}. */
  public static final class Builder {
    private String name;
    private String modelId;
    private int modelUnits = 1;
    private Commitment commitment = Commitment.NONE;
    private String clientRequestToken;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder modelId(String modelId) {
      this.modelId = modelId;
      return this;
    }

    public Builder modelUnits(int modelUnits) {
      this.modelUnits = modelUnits;
      return this;
    }

    public Builder commitment(Commitment commitment) {
      this.commitment = commitment;
      return this;
    }

    public Builder clientRequestToken(String token) {
      this.clientRequestToken = token;
      return this;
    }

    public ProvisionedThroughputRequest build() {
      return new ProvisionedThroughputRequest(
          name, modelId, modelUnits, commitment, clientRequestToken);
    }
  }
}
