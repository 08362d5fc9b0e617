package dev.genaiaws.core.exception;

/**
 * A parameter of the request cannot be expressed by the model family (for example {@code topK} for
 * Meta Llama, or {@code seed} where the model has none). Remove the parameter, or build the client
 * with {@code unsupportedParameters(UnsupportedParameterPolicy.DROP)} to drop such parameters
 * silently.
 */
public class UnsupportedParameterException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final String family;
  private final String parameter;

  public UnsupportedParameterException(String family, String parameter, String modelId) {
    super(
        parameter
            + " is not supported by the "
            + family
            + " family (model "
            + modelId
            + "): remove it,"
            + " or build the client with unsupportedParameters(UnsupportedParameterPolicy.DROP) to drop it");
    this.family = family;
    this.parameter = parameter;
  }

  /** The model family that cannot express the parameter. */
  public String family() {
    return family;
  }

  /** The neutral name of the parameter, e.g. {@code topK}. */
  public String parameter() {
    return parameter;
  }
}
