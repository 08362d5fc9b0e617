package dev.genaiaws.storage.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.GenerationRecord.PromptMessage;
import dev.genaiaws.storage.StorageException;
import dev.genaiaws.storage.StoredImage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * The record's JSON, schema version 1 (documented in {@code docs/storage.md}). Written field by
 * field so the schema does not drift with the Java types; read leniently (unknown fields are
 * ignored, absent optional fields are {@code null}). Always UTF-8. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class RecordJson {
  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(
                      JsonWriteFeature
                          .COMBINE_UNICODE_SURROGATES_IN_UTF8) // emoji as UTF-8, not \\uD83D\\uDE80
                  .build())
          .enable(SerializationFeature.INDENT_OUTPUT);

  private RecordJson() {}

  /** The record as UTF-8 JSON bytes. */
  public static byte[] write(GenerationRecord r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("modelId", r.modelId());
    putIfSet(root, "createdAt", r.createdAt() == null ? null : r.createdAt().toString());
    putIfSet(root, "system", r.system());
    ArrayNode messages = root.putArray("messages");
    for (PromptMessage m : r.messages()) {
      messages
          .addObject()
          .put("role", m.role().name().toLowerCase(Locale.ROOT))
          .put("text", m.text());
    }
    root.set("inferenceConfig", inference(r.inferenceConfig()));
    if (r.imageConfig() != null) {
      root.set("imageConfig", image(r.imageConfig()));
    }
    ObjectNode output = root.putObject("output");
    output.put("text", r.outputText());
    output.put("stopReason", r.stopReason().name());
    putIfSet(output, "rawStopReason", r.rawStopReason());
    root.putObject("usage")
        .put("inputTokens", r.usage().inputTokens())
        .put("outputTokens", r.usage().outputTokens())
        .put("totalTokens", r.usage().totalTokens());
    putIfSet(root, "requestId", r.requestId());
    putIfSet(root, "latency", r.latency() == null ? null : r.latency().toString());
    ObjectNode metadata = root.putObject("metadata");
    r.metadata().forEach(metadata::put);
    ArrayNode images = root.putArray("images");
    for (StoredImage i : r.images()) {
      ObjectNode node =
          images
              .addObject()
              .put("key", i.key())
              .put("mediaType", i.mediaType())
              .put("sizeBytes", i.sizeBytes());
      if (i.seed() != null) {
        node.put("seed", i.seed());
      }
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new StorageException(
          null, "could not write the generation record as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a record written by {@link #write}; {@code key} only names the object in error messages.
   */
  public static GenerationRecord read(byte[] json, String key) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new StorageException(
          key,
          "the object at key '"
              + key
              + "' is not a generation record: it is not"
              + " valid JSON ("
              + e.getMessage()
              + ")",
          e);
    }
    if (root == null || !root.isObject() || !root.path("schemaVersion").canConvertToInt()) {
      throw new StorageException(
          key,
          "the object at key '"
              + key
              + "' is not a generation record: it has no"
              + " \"schemaVersion\" (images and plain text are read with getBytes/getText)");
    }
    int version = root.get("schemaVersion").asInt();
    if (version != SCHEMA_VERSION) {
      throw new StorageException(
          key,
          "the generation record at key '"
              + key
              + "' has schemaVersion "
              + version
              + " but this genai-aws reads version "
              + SCHEMA_VERSION
              + (version > SCHEMA_VERSION ? ": upgrade genai-aws-storage to read it" : ""));
    }
    try {
      return toRecord(root);
    } catch (RuntimeException e) {
      throw new StorageException(
          key,
          "the generation record at key '" + key + "' could not be read: " + e.getMessage(),
          e);
    }
  }

  private static GenerationRecord toRecord(JsonNode root) {
    List<PromptMessage> messages = new ArrayList<>();
    for (JsonNode m : root.path("messages")) {
      messages.add(
          new PromptMessage(
              Role.valueOf(m.path("role").asText().toUpperCase(Locale.ROOT)), text(m, "text")));
    }
    JsonNode output = root.path("output");
    JsonNode usage = root.path("usage");
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("metadata").properties()) {
      metadata.put(e.getKey(), e.getValue().asText());
    }
    List<StoredImage> images = new ArrayList<>();
    for (JsonNode i : root.path("images")) {
      images.add(
          new StoredImage(
              text(i, "key"),
              text(i, "mediaType"),
              i.path("sizeBytes").asLong(),
              longOrNull(i, "seed")));
    }
    String createdAt = text(root, "createdAt");
    String latency = text(root, "latency");
    String stop = text(output, "stopReason");
    return GenerationRecord.builder()
        .modelId(text(root, "modelId"))
        .createdAt(createdAt == null ? null : Instant.parse(createdAt))
        .system(text(root, "system"))
        .messages(messages)
        .inferenceConfig(readInference(root.path("inferenceConfig")))
        .imageConfig(
            root.path("imageConfig").isObject() ? readImage(root.path("imageConfig")) : null)
        .outputText(text(output, "text"))
        .stopReason(
            stop == null ? StopReason.OTHER : StopReason.valueOf(stop),
            text(output, "rawStopReason"))
        .usage(TokenUsage.of(usage.path("inputTokens").asInt(), usage.path("outputTokens").asInt()))
        .requestId(text(root, "requestId"))
        .latency(latency == null ? null : Duration.parse(latency))
        .metadata(metadata)
        .images(images)
        .build();
  }

  private static ObjectNode inference(InferenceConfig c) {
    ObjectNode n = MAPPER.createObjectNode();
    putIfSet(n, "maxTokens", c.maxTokens());
    putIfSet(n, "temperature", c.temperature());
    putIfSet(n, "topP", c.topP());
    putIfSet(n, "topK", c.topK());
    if (!c.stopSequences().isEmpty()) {
      ArrayNode stops = n.putArray("stopSequences");
      c.stopSequences().forEach(stops::add);
    }
    putIfSet(n, "seed", c.seed());
    return n;
  }

  private static InferenceConfig readInference(JsonNode n) {
    List<String> stops = new ArrayList<>();
    n.path("stopSequences").forEach(s -> stops.add(s.asText()));
    return InferenceConfig.builder()
        .maxTokens(intOrNull(n, "maxTokens"))
        .temperature(doubleOrNull(n, "temperature"))
        .topP(doubleOrNull(n, "topP"))
        .topK(intOrNull(n, "topK"))
        .stopSequences(stops)
        .seed(longOrNull(n, "seed"))
        .build();
  }

  private static ObjectNode image(ImageConfig c) {
    ObjectNode n = MAPPER.createObjectNode();
    putIfSet(n, "width", c.width());
    putIfSet(n, "height", c.height());
    putIfSet(n, "aspectRatio", c.aspectRatio());
    putIfSet(n, "count", c.count());
    putIfSet(n, "steps", c.steps());
    putIfSet(n, "cfgScale", c.cfgScale());
    putIfSet(n, "seed", c.seed());
    putIfSet(n, "negativePrompt", c.negativePrompt());
    putIfSet(n, "stylePreset", c.stylePreset());
    putIfSet(n, "quality", c.quality());
    putIfSet(n, "outputFormat", c.outputFormat());
    return n;
  }

  private static ImageConfig readImage(JsonNode n) {
    return ImageConfig.builder()
        .width(intOrNull(n, "width"))
        .height(intOrNull(n, "height"))
        .aspectRatio(text(n, "aspectRatio"))
        .count(intOrNull(n, "count"))
        .steps(intOrNull(n, "steps"))
        .cfgScale(doubleOrNull(n, "cfgScale"))
        .seed(longOrNull(n, "seed"))
        .negativePrompt(text(n, "negativePrompt"))
        .stylePreset(text(n, "stylePreset"))
        .quality(text(n, "quality"))
        .outputFormat(text(n, "outputFormat"))
        .build();
  }

  private static void putIfSet(ObjectNode n, String field, @Nullable Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String s) {
      n.put(field, s);
    } else if (value instanceof Integer i) {
      n.put(field, i);
    } else if (value instanceof Long l) {
      n.put(field, l);
    } else if (value instanceof Double d) {
      n.put(field, d);
    } else {
      throw new InvalidRequestException("unsupported JSON value type " + value.getClass());
    }
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static @Nullable Integer intOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asInt();
  }

  private static @Nullable Long longOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asLong();
  }

  private static @Nullable Double doubleOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asDouble();
  }
}
