package dev.genaiaws.customization;

/**
 * How a custom model is made from its base model, as {@code CreateModelCustomizationJob} names it.
 * Which types a base model accepts is in its {@link CustomizableModel}.
 */
public enum CustomizationType {
  /** Labelled examples: prompt/completion pairs, or conversations for the models that take them. */
  FINE_TUNING,
  /** Unlabelled domain text ({@code {"input": ...}} records). */
  CONTINUED_PRE_TRAINING,
  /** A teacher model answers your prompts and a smaller student model learns from the answers. */
  DISTILLATION
}
