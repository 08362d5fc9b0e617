package dev.genaiaws.customization;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.List;

/**
 * Training or validation data that the base model would refuse, found before anything was uploaded.
 * The message lists every violation with its file and line (up to 50; {@link #violations()} has
 * them all).
 */
public class TrainingDataException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;
  private static final int LISTED = 50;
  private final transient List<DataViolation> violations;

  public TrainingDataException(
      String modelId, CustomizationType type, List<DataViolation> violations) {
    super(message(modelId, type, violations));
    this.violations = List.copyOf(violations);
  }

  private static String message(String modelId, CustomizationType type, List<DataViolation> v) {
    StringBuilder b =
        new StringBuilder()
            .append(v.size())
            .append(v.size() == 1 ? " problem" : " problems")
            .append(" in the data for ")
            .append(type)
            .append(" of ")
            .append(modelId)
            .append("; nothing was uploaded. Fix these and submit again:");
    v.stream().limit(LISTED).forEach(x -> b.append("\n  ").append(x));
    if (v.size() > LISTED) {
      b.append("\n  ... and ").append(v.size() - LISTED).append(" more (see violations())");
    }
    return b.toString();
  }

  /** Every violation, in file and line order. */
  public List<DataViolation> violations() {
    return violations;
  }
}
