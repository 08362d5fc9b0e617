/**
 * Custom models on Amazon Bedrock. Start with {@link
 * dev.genaiaws.customization.CustomizationClient}: {@code submit} checks and uploads training data
 * ({@link dev.genaiaws.customization.TrainingExample}, {@link
 * dev.genaiaws.customization.TrainingData}) and starts a fine-tuning, continued pre-training or
 * distillation job ({@link dev.genaiaws.customization.CustomizationJob}: status, await, stop,
 * re-attach, {@link dev.genaiaws.customization.TrainingMetrics}); {@code provision} and {@code
 * deploy} serve the result ({@link dev.genaiaws.customization.ProvisionedThroughput}, {@link
 * dev.genaiaws.customization.CustomModelDeployment}). What each base model accepts is in {@link
 * dev.genaiaws.customization.CustomizableModel}. Guide: {@code docs/custom-models.md}.
 */
@NullMarked
package dev.genaiaws.customization;

import org.jspecify.annotations.NullMarked;
