package dev.genaiaws.customization.internal;

import dev.genaiaws.customization.CustomizableModel;
import dev.genaiaws.customization.CustomizationType;
import dev.genaiaws.customization.DataFormat;
import dev.genaiaws.customization.DatasetRules;
import dev.genaiaws.customization.DatasetRules.TokenLimit;
import dev.genaiaws.customization.HyperParameterRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * The customizable base models and their documented limits. Sources (AWS Bedrock user guide):
 * hyper-parameters from {@code custom-models-hp.html} and its per-model pages ({@code
 * cm-hp-titan-text}, {@code cm-hp-titan-mm}, {@code cm-hp-cohere-command}, {@code
 * cm-hp-meta-llama31}/{@code -llama2}/ {@code -llama32}, {@code cm-hp-anth-claude-3}); record
 * limits from {@code model-training-validation-requirements.html}; formats and turn support from
 * {@code model-customization-prepare.html}, {@code preparing-text-data.html} and {@code
 * distillation-data-prep-option-1.html}. Where a page gives no number the rule is left out (the
 * service checks it), never guessed.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ModelCatalog {
  private static final String HP =
      "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models-hp.html";
  private static final String REQ =
      "https://docs.aws.amazon.com/bedrock/latest/userguide/model-training-validation-requirements.html";
  private static final String PREP =
      "https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-prepare.html";
  private static final String DISTIL =
      "https://docs.aws.amazon.com/bedrock/latest/userguide/distillation-data-prep-option-1.html";

  private static final List<CustomizableModel> MODELS = build();

  private ModelCatalog() {}

  /** The entry whose id the given id or foundation-model ARN starts with (the longest such id). */
  public static Optional<CustomizableModel> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String s = id.strip().toLowerCase(Locale.ROOT);
    int slash = s.indexOf(":foundation-model/");
    if (s.startsWith("arn:") && slash > 0) {
      s = s.substring(slash + ":foundation-model/".length());
    }
    String key = s;
    return MODELS.stream()
        .filter(m -> key.startsWith(m.modelId()))
        .max(Comparator.comparingInt(m -> m.modelId().length()));
  }

  public static List<CustomizableModel> all() {
    return MODELS;
  }

  public static List<String> ids() {
    return MODELS.stream().map(CustomizableModel::modelId).toList();
  }

  private static List<CustomizableModel> build() {
    List<CustomizableModel> m = new ArrayList<>();
    // Titan Text Express / Lite: fine-tuning and continued pre-training, same hyper-parameters.
    Map<String, HyperParameterRange> titan =
        ranges(
            range("epochCount", 1, 10, 5.0, true), range("batchSize", 1, 64, 1.0, true),
            range("learningRate", 0.0, 1.0, 1e-5, false),
                range("learningRateWarmupSteps", 0, 250, 5.0, true));
    List<TokenLimit> express = List.of(new TokenLimit(1, 4096), new TokenLimit(4, 2048));
    List<TokenLimit> lite = List.of(new TokenLimit(2, 4096), new TokenLimit(6, 2048));
    m.add(
        new CustomizableModel(
            "amazon.titan-text-express-v1",
            Map.of(
                CustomizationType.FINE_TUNING, text(DataFormat.PROMPT_COMPLETION, express),
                CustomizationType.CONTINUED_PRE_TRAINING, text(DataFormat.UNLABELED_TEXT, express)),
            titan,
            List.of(HP, REQ, PREP)));
    m.add(
        new CustomizableModel(
            "amazon.titan-text-lite-v1",
            Map.of(
                CustomizationType.FINE_TUNING, text(DataFormat.PROMPT_COMPLETION, lite),
                CustomizationType.CONTINUED_PRE_TRAINING, text(DataFormat.UNLABELED_TEXT, lite)),
            titan,
            List.of(HP, REQ, PREP)));
    m.add(
        new CustomizableModel(
            "amazon.titan-text-premier-v1",
            Map.of(
                CustomizationType.FINE_TUNING,
                text(DataFormat.PROMPT_COMPLETION, List.of(new TokenLimit(1, 4096)))),
            ranges(
                range("epochCount", 1, 5, 2.0, true),
                range("batchSize", 1, 1, 1.0, true),
                range("learningRate", 1e-7, 1e-5, 1e-6, false),
                range("learningRateWarmupSteps", 0, 20, 5.0, true)),
            List.of(HP, REQ, PREP)));
    // Titan Image Generator: image/caption pairs, no validation file; its hyper-parameter ranges
    // are not
    // catalogued here.
    m.add(
        new CustomizableModel(
            "amazon.titan-image-generator-v1",
            Map.of(
                CustomizationType.FINE_TUNING,
                new DatasetRules(
                    DataFormat.IMAGE_CAPTION, false, List.of(), 5, 10_000, 3, 1024, null)),
            ranges(
                HyperParameterRange.unchecked("epochCount", true),
                HyperParameterRange.unchecked("batchSize", true),
                HyperParameterRange.unchecked("learningRate", false)),
            List.of(REQ, PREP)));
    m.add(
        new CustomizableModel(
            "amazon.titan-embed-image-v1",
            Map.of(
                CustomizationType.FINE_TUNING,
                new DatasetRules(
                    DataFormat.IMAGE_CAPTION, false, List.of(), 1000, 500_000, 0, 2560, null)),
            ranges(
                range("epochCount", 1, 100, null, true),
                range("batchSize", 256, 9216, 576.0, true),
                range("learningRate", 5e-8, 1, 5e-5, false)),
            List.of(HP, REQ, PREP)));
    // Cohere Command and Command Light.
    for (String id : List.of("cohere.command-text-v14", "cohere.command-light-text-v14")) {
      boolean light = id.contains("light");
      m.add(
          new CustomizableModel(
              id,
              Map.of(CustomizationType.FINE_TUNING, text(DataFormat.PROMPT_COMPLETION, List.of())),
              ranges(
                  range("epochCount", 1, 100, 1.0, true),
                  range("batchSize", 8, light ? 32 : 8, 8.0, true),
                  range("learningRate", 5e-6, 0.1, 1e-5, false),
                  range("earlyStoppingThreshold", 0, 0.1, 0.01, false),
                  HyperParameterRange.unchecked("earlyStoppingPatience", true)),
              List.of(HP, PREP)));
    }
    // Meta Llama 2 and 3.1: prompt/completion; 3.1 8B is also a distillation student (single-turn).
    Map<String, HyperParameterRange> llama =
        ranges(
            range("epochCount", 1, 10, 5.0, true),
            range("batchSize", 1, 1, 1.0, true),
            range("learningRate", 5e-6, 0.1, 1e-4, false));
    for (String id :
        List.of("meta.llama2-13b-v1", "meta.llama2-70b-v1", "meta.llama3-1-70b-instruct-v1")) {
      m.add(
          new CustomizableModel(
              id,
              Map.of(CustomizationType.FINE_TUNING, text(DataFormat.PROMPT_COMPLETION, List.of())),
              llama,
              List.of(HP, PREP)));
    }
    m.add(
        new CustomizableModel(
            "meta.llama3-1-8b-instruct-v1",
            Map.of(
                CustomizationType.FINE_TUNING, text(DataFormat.PROMPT_COMPLETION, List.of()),
                CustomizationType.DISTILLATION, conversation(1)),
            llama,
            List.of(HP, PREP, DISTIL)));
    // Meta Llama 3.2: conversations in the Converse shape.
    for (String id :
        List.of(
            "meta.llama3-2-1b-instruct-v1",
            "meta.llama3-2-3b-instruct-v1",
            "meta.llama3-2-11b-instruct-v1",
            "meta.llama3-2-90b-instruct-v1")) {
      m.add(
          new CustomizableModel(
              id,
              Map.of(CustomizationType.FINE_TUNING, conversation(null)),
              llama,
              List.of(HP, PREP)));
    }
    // Claude 3 Haiku: single- and multi-turn conversations; as a distillation student single-turn
    // only.
    m.add(
        new CustomizableModel(
            "anthropic.claude-3-haiku-20240307-v1",
            Map.of(
                CustomizationType.FINE_TUNING, conversation(null),
                CustomizationType.DISTILLATION, conversation(1)),
            ranges(
                range("epochCount", 1, 10, 2.0, true),
                range("batchSize", 4, 256, 32.0, true),
                range("learningRateMultiplier", 0.1, 2, 1.0, false),
                range("earlyStoppingThreshold", 0, 0.1, 0.001, false),
                range("earlyStoppingPatience", 1, 10, 2.0, true)),
            List.of(HP, PREP, DISTIL)));
    // Nova Micro / Lite / Pro: multi-turn conversations, also as distillation students.
    for (String id : List.of("amazon.nova-micro-v1", "amazon.nova-lite-v1", "amazon.nova-pro-v1")) {
      m.add(
          new CustomizableModel(
              id,
              Map.of(
                  CustomizationType.FINE_TUNING, conversation(null),
                  CustomizationType.DISTILLATION, conversation(null)),
              ranges(
                  range("epochCount", 1, 5, 2.0, true),
                  range("learningRate", 1e-6, 1e-4, 1e-5, false),
                  HyperParameterRange.unchecked("learningRateWarmupSteps", true)),
              List.of(HP, DISTIL)));
    }
    return List.copyOf(m);
  }

  private static DatasetRules text(DataFormat format, List<TokenLimit> limits) {
    return new DatasetRules(format, true, limits, null, null, null, null, null);
  }

  private static DatasetRules conversation(Integer maxUserTurns) {
    return new DatasetRules(
        DataFormat.CONVERSATION, true, List.of(), null, null, null, null, maxUserTurns);
  }

  private static HyperParameterRange range(
      String name, double min, double max, Double def, boolean integer) {
    return new HyperParameterRange(name, min, max, def, integer);
  }

  private static Map<String, HyperParameterRange> ranges(HyperParameterRange... rs) {
    Map<String, HyperParameterRange> m = new LinkedHashMap<>();
    for (HyperParameterRange r : rs) {
      m.put(r.name(), r);
    }
    return m;
  }
}
