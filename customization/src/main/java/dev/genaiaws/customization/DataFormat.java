package dev.genaiaws.customization;

/**
 * The shape of one training record (one JSONL line), by base model and customization type. The
 * {@link TrainingExample} kinds map onto these one to one.
 */
public enum DataFormat {
  /** {@code {"prompt": "...", "completion": "..."}}: {@link TrainingExample.PromptCompletion}. */
  PROMPT_COMPLETION,
  /**
   * {@code {"schemaVersion": "bedrock-conversation-2024", "system": [{"text"}], "messages":
   * [...]}}: {@link TrainingExample.Conversation}.
   */
  CONVERSATION,
  /** {@code {"input": "..."}}: {@link TrainingExample.UnlabeledText}. */
  UNLABELED_TEXT,
  /** {@code {"image-ref": "s3://...", "caption": "..."}}: {@link TrainingExample.ImageCaption}. */
  IMAGE_CAPTION
}
