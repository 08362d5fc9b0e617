package dev.genaiaws.customization;

import dev.genaiaws.core.Message;
import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * One neutral training record; {@link TrainingData} turns a list of them into the JSONL a base
 * model takes and checks every record against the model's documented limits.
 *
 * <pre>{@code
 * List<TrainingExample> data = List.of(
 *     TrainingExample.promptCompletion("What is S3?", "An object store."),
 *     TrainingExample.conversation("You are terse.", List.of(Message.user("Hi"), Message.assistant("Hello."))),
 *     TrainingExample.text("Domain text for continued pre-training."),
 *     TrainingExample.imageCaption("s3://bucket/cat.png", "A cat on a mat."));
 * }</pre>
 *
 * <p>{@code toString()} prints sizes, never the text.
 */
public sealed interface TrainingExample {

  /** The record shape this example is written as. */
  DataFormat format();

  /** A labelled prompt and the completion the model should learn to give. */
  static PromptCompletion promptCompletion(String prompt, String completion) {
    return new PromptCompletion(prompt, completion);
  }

  /** A conversation (text only) with an optional system prompt ({@code null} for none). */
  static Conversation conversation(String system, List<Message> messages) {
    return new Conversation(system, messages);
  }

  /** Unlabelled text for continued pre-training. */
  static UnlabeledText text(String input) {
    return new UnlabeledText(input);
  }

  /** An image in S3 and its caption, for image-generation and multimodal-embedding models. */
  static ImageCaption imageCaption(String imageS3Uri, String caption) {
    return new ImageCaption(imageS3Uri, caption);
  }

  /**
   * A prompt/completion pair.
   *
   * @param prompt the input (may be empty where the model allows it)
   * @param completion the expected output
   */
  record PromptCompletion(String prompt, String completion) implements TrainingExample {
    public PromptCompletion {
      Checks.notNull(prompt, "prompt");
      Checks.notNull(completion, "completion");
    }

    @Override
    public DataFormat format() {
      return DataFormat.PROMPT_COMPLETION;
    }

    @Override
    public String toString() {
      return "PromptCompletion[prompt="
          + Checks.describe(prompt)
          + ", completion="
          + Checks.describe(completion)
          + "]";
    }
  }

  /**
   * A conversation in the {@code bedrock-conversation-2024} schema: user and assistant turns
   * alternating, starting with the user and ending with the assistant.
   *
   * @param system the system prompt, or {@code null}
   * @param messages the turns, text only
   */
  record Conversation(String system, List<Message> messages) implements TrainingExample {
    public Conversation {
      messages = Checks.copyOf(messages, "messages");
    }

    @Override
    public DataFormat format() {
      return DataFormat.CONVERSATION;
    }

    @Override
    public String toString() {
      return "Conversation[system="
          + Checks.describe(system)
          + ", "
          + messages.size()
          + " messages]";
    }
  }

  /**
   * Unlabelled text.
   *
   * @param input the text
   */
  record UnlabeledText(String input) implements TrainingExample {
    public UnlabeledText {
      Checks.notNull(input, "input");
    }

    @Override
    public DataFormat format() {
      return DataFormat.UNLABELED_TEXT;
    }

    @Override
    public String toString() {
      return "UnlabeledText[" + Checks.describe(input) + "]";
    }
  }

  /**
   * An image and its caption.
   *
   * @param imageRef the image's {@code s3://} URI (PNG or JPEG)
   * @param caption the caption
   */
  record ImageCaption(String imageRef, String caption) implements TrainingExample {
    public ImageCaption {
      Checks.notBlank(imageRef, "imageRef");
      Checks.notNull(caption, "caption");
    }

    @Override
    public DataFormat format() {
      return DataFormat.IMAGE_CAPTION;
    }

    @Override
    public String toString() {
      return "ImageCaption[" + imageRef + ", caption=" + Checks.describe(caption) + "]";
    }
  }
}
