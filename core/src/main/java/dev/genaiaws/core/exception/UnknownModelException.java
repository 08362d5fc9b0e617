package dev.genaiaws.core.exception;

import java.util.List;

/**
 * No codec is known for a model id. The message names the id and the known families; for ARNs of
 * provisioned throughput, custom or imported models and application inference profiles, name the
 * family explicitly on the request.
 */
public class UnknownModelException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final String modelId;
  private final List<String> knownFamilies;

  public UnknownModelException(String modelId, List<String> knownFamilies, String hint) {
    super(
        "no model family matches model id '"
            + modelId
            + "'"
            + (hint == null ? "" : ": " + hint)
            + "; known families: "
            + String.join(", ", knownFamilies));
    this.modelId = modelId;
    this.knownFamilies = List.copyOf(knownFamilies);
  }

  /** The model id that matched nothing. */
  public String modelId() {
    return modelId;
  }

  /** The names of the families the registry knows. */
  public List<String> knownFamilies() {
    return knownFamilies;
  }
}
