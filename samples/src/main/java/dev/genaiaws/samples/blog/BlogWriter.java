package dev.genaiaws.samples.blog;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.GenerationStore;
import dev.genaiaws.storage.StoredGeneration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Writes a short blog post on a topic with a model and saves it: the logic shared by the CLI and
 * the Lambda function, on any {@link GenerationClient} and any {@link GenerationStore}.
 *
 * <pre>{@code
 * BlogWriter writer = new BlogWriter(client, store, "meta.llama3-8b-instruct-v1:0",
 *     InferenceConfig.of(c -> c.maxTokens(512).temperature(0.5)), null);
 * BlogPost post = writer.write("Serverless GenAI on AWS");            // one call, then saved
 * BlogPost same = writer.stream("Serverless GenAI", System.out::print); // text as it arrives, then saved
 * }</pre>
 *
 * <p>The record is saved with the metadata {@code sample=blog} and the topic. Topics are checked
 * with {@link #checkTopic} first (not blank, at most {@value #MAX_TOPIC_LENGTH} characters).
 * Neither the client nor the store is closed by this class.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BlogWriter {
  /** The longest topic accepted, in characters. */
  public static final int MAX_TOPIC_LENGTH = 500;

  /** The system prompt used when none is given. */
  public static final String DEFAULT_SYSTEM =
      "You are a technical writer. You write clear, friendly blog posts for software developers.";

  private final GenerationClient client;
  private final GenerationStore store;
  private final String modelId;
  private final InferenceConfig inferenceConfig;
  private final String system;

  /**
   * @param client the model client (not closed by this class)
   * @param store where posts are saved (not closed by this class)
   * @param modelId the Bedrock model id, profile id or ARN
   * @param inferenceConfig generation parameters; {@code null} for the model's defaults
   * @param system the system prompt; {@code null} for {@link #DEFAULT_SYSTEM}
   */
  public BlogWriter(
      GenerationClient client,
      GenerationStore store,
      String modelId,
      InferenceConfig inferenceConfig,
      String system) {
    this.client = Objects.requireNonNull(client, "client");
    this.store = Objects.requireNonNull(store, "store");
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.inferenceConfig = inferenceConfig == null ? InferenceConfig.empty() : inferenceConfig;
    this.system = system == null || system.isBlank() ? DEFAULT_SYSTEM : system;
  }

  /** The model this writer asks. */
  public String modelId() {
    return modelId;
  }

  /**
   * Checks a topic and returns it trimmed.
   *
   * @throws InvalidTopicException if it is missing, blank or longer than {@value #MAX_TOPIC_LENGTH}
   *     characters
   */
  public static String checkTopic(String topic) {
    if (topic == null || topic.isBlank()) {
      throw new InvalidTopicException(
          "topic is missing or empty: give the blog's topic, e.g. "
              + "{\"topic\": \"Serverless GenAI on AWS\"}");
    }
    String trimmed = topic.strip();
    if (trimmed.length() > MAX_TOPIC_LENGTH) {
      throw new InvalidTopicException(
          "topic is too long: at most "
              + MAX_TOPIC_LENGTH
              + " characters, but it has "
              + trimmed.length());
    }
    return trimmed;
  }

  /** The request this writer sends for a topic (the topic is checked first). */
  public GenerationRequest request(String topic) {
    String checked = checkTopic(topic);
    return GenerationRequest.builder()
        .modelId(modelId)
        .system(system)
        .user(
            "Write a blog post of about 200 words on this topic: "
                + checked
                + "\nStart with a short title on its own line, then the post in two or three paragraphs.")
        .inferenceConfig(inferenceConfig)
        .build();
  }

  /** Generates a post in one call and saves it. */
  public BlogPost write(String topic) {
    GenerationRequest request = request(topic);
    GenerationResponse response = client.generate(request);
    return save(topic, request, response);
  }

  /**
   * Streams a post: {@code onText} receives each piece of text as the model writes it, on the
   * calling thread; the whole post is saved once the stream has ended.
   */
  public BlogPost stream(String topic, Consumer<String> onText) {
    GenerationRequest request = request(topic);
    GenerationResponse response;
    try (GenerationStream stream = client.stream(request)) {
      for (GenerationEvent event : stream) {
        if (event instanceof GenerationEvent.TextDelta delta) {
          onText.accept(delta.text());
        }
      }
      response = stream.response();
    }
    return save(topic, request, response);
  }

  private BlogPost save(String topic, GenerationRequest request, GenerationResponse response) {
    GenerationRecord record =
        GenerationRecord.of(request, response)
            .withMetadata(Map.of("sample", "blog", "topic", checkTopic(topic)));
    StoredGeneration saved = store.save(record, List.of());
    return new BlogPost(
        saved.key(),
        saved.uri(),
        modelId,
        response.text(),
        response.usage(),
        response.metadata().requestId());
  }

  @Override
  public String toString() {
    return "BlogWriter[model=" + modelId + ", " + inferenceConfig + ", store=" + store + "]";
  }
}
