package dev.genaiaws.customization;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.customization.internal.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A base model that Bedrock can customize, with what each customization type takes: the record
 * format, record limits and the hyper-parameters with their documented ranges.
 *
 * <pre>{@code
 * CustomizableModel titan = CustomizableModel.of("amazon.titan-text-express-v1");
 * titan.types();                                   // [FINE_TUNING, CONTINUED_PRE_TRAINING]
 * titan.check(CustomizationType.FINE_TUNING, hp);  // the problems, empty when fine
 * }</pre>
 *
 * <p>The built-in catalog covers the models whose limits AWS documents (Titan Text, Titan Image
 * Generator, Titan Multimodal Embeddings, Cohere Command, Meta Llama, Claude 3 Haiku, Nova); an id
 * that starts with a catalog id (a {@code :0:8k} context variant, a foundation-model ARN) matches
 * it.
 *
 * @param modelId the base model id, e.g. {@code amazon.titan-text-express-v1}
 * @param datasets the training-data rules per supported customization type
 * @param hyperParameters the accepted hyper-parameters, by API name
 * @param source where the limits come from (AWS user-guide pages)
 */
public record CustomizableModel(
    String modelId,
    Map<CustomizationType, DatasetRules> datasets,
    Map<String, HyperParameterRange> hyperParameters,
    List<String> source) {

  public CustomizableModel {
    datasets = Map.copyOf(datasets);
    hyperParameters = Map.copyOf(hyperParameters);
    source = List.copyOf(source);
  }

  /**
   * The catalog entry for a base model id or foundation-model ARN.
   *
   * @throws InvalidRequestException when the model cannot be customized (the message lists those
   *     that can)
   */
  public static CustomizableModel of(String baseModelId) {
    return find(baseModelId)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "the base model '"
                        + baseModelId
                        + "' cannot be customized on Bedrock (or its limits are not known to this SDK); pick one of "
                        + ModelCatalog.ids()));
  }

  /** The catalog entry, if the model is known. */
  public static Optional<CustomizableModel> find(String baseModelId) {
    return ModelCatalog.find(baseModelId);
  }

  /** Every model of the catalog. */
  public static List<CustomizableModel> all() {
    return ModelCatalog.all();
  }

  /** The customization types the model supports. */
  public Set<CustomizationType> types() {
    return datasets.keySet();
  }

  /**
   * The data rules for a type.
   *
   * @throws InvalidRequestException when the model does not support the type
   */
  public DatasetRules rules(CustomizationType type) {
    DatasetRules r = datasets.get(type);
    if (r == null) {
      throw new InvalidRequestException(
          modelId
              + " does not support "
              + type
              + "; it supports "
              + types()
              + (type == CustomizationType.CONTINUED_PRE_TRAINING
                  ? " (continued pre-training is offered for Titan Text Express and Lite)"
                  : ""));
    }
    return r;
  }

  /**
   * The problems of {@code hp} for this model, each saying what to change; empty when all is well.
   * Unknown parameters, values outside the documented range and missing required values are
   * reported.
   */
  public List<String> check(HyperParameters hp) {
    List<String> problems = new ArrayList<>();
    hp.values()
        .forEach(
            (name, value) -> {
              HyperParameterRange r = hyperParameters.get(name);
              if (r == null) {
                problems.add(
                    name
                        + " is not a hyper-parameter of "
                        + modelId
                        + "; it takes "
                        + hyperParameters.keySet().stream().sorted().toList());
              } else if (!r.accepts(value)) {
                problems.add(
                    name
                        + " must be "
                        + (r.integer() ? "a whole number " : "")
                        + "in "
                        + r.describe()
                        + " for "
                        + modelId
                        + " but was "
                        + value
                        + (r.defaultValue() == null ? "" : " (default " + r.defaultValue() + ")"));
              }
            });
    hyperParameters.values().stream()
        .filter(r -> r.defaultValue() == null && r.checked())
        .filter(r -> !hp.values().containsKey(r.name()))
        .forEach(
            r ->
                problems.add(
                    r.name() + " has no default for " + modelId + ": set it, in " + r.describe()));
    return problems;
  }
}
