package dev.genaiaws.bedrock.internal;

import dev.genaiaws.bedrock.BedrockOptions;
import dev.genaiaws.bedrock.codec.StopReasonMap;
import dev.genaiaws.core.CachePointBlock;
import dev.genaiaws.core.Citation;
import dev.genaiaws.core.CitationsBlock;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.DocumentBlock;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.JsonBlock;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.ReasoningBlock;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.ToolChoice;
import dev.genaiaws.core.ToolConfig;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.CitationLocation;
import software.amazon.awssdk.services.bedrockruntime.model.CitationSourceContent;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsConfig;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormat;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTier;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

/**
 * The neutral request and response in Converse's typed shapes (the AWS SDK's model classes), both
 * ways. Pure: no I/O. One instance per prepared request holds the pieces both Converse and
 * ConverseStream use. Internal.
 */
final class ConverseMapping {
  /** Converse's stop reasons in the neutral vocabulary; the raw string is kept beside it. */
  public static final StopReasonMap STOP_REASONS =
      StopReasonMap.create()
          .map(StopReason.STOP, "end_turn", "stop_sequence")
          .map(StopReason.LENGTH, "max_tokens")
          .map(StopReason.TOOL_USE, "tool_use")
          .map(StopReason.GUARDRAIL_INTERVENED, "guardrail_intervened")
          .map(StopReason.CONTENT_FILTER, "content_filtered")
          .map(StopReason.CONTEXT_WINDOW_EXCEEDED, "model_context_window_exceeded")
          .map(StopReason.MALFORMED_TOOL_USE, "malformed_tool_use")
          .map(StopReason.MALFORMED_OUTPUT, "malformed_model_output");

  private static final List<String> IMAGE_FORMATS = List.of("png", "jpeg", "gif", "webp");

  private ConverseMapping() {}

  /** The request's pieces in SDK types, shared by Converse and ConverseStream. */
  record Parts(
      List<Message> messages,
      List<SystemContentBlock> system,
      @Nullable InferenceConfiguration inference,
      @Nullable ToolConfiguration tools,
      @Nullable Document additionalFields,
      @Nullable OutputConfig output,
      @Nullable PerformanceConfiguration performance,
      @Nullable ServiceTier serviceTier) {}

  static Parts parts(GenerationRequest r, boolean claude) {
    List<SystemContentBlock> system = new ArrayList<>();
    if (r.system() != null && !r.system().isBlank()) {
      system.add(SystemContentBlock.fromText(r.system()));
      if (r.systemCachePoint() != null) {
        system.add(SystemContentBlock.fromCachePoint(cachePoint(r.systemCachePoint())));
      }
    }
    List<Message> messages = new ArrayList<>(r.messages().size());
    for (dev.genaiaws.core.Message m : r.messages()) {
      List<software.amazon.awssdk.services.bedrockruntime.model.ContentBlock> blocks =
          new ArrayList<>();
      for (ContentBlock b : m.content()) {
        blocks.add(block(b));
      }
      messages.add(
          Message.builder()
              .role(
                  m.role() == dev.genaiaws.core.Role.USER
                      ? ConversationRole.USER
                      : ConversationRole.ASSISTANT)
              .content(blocks)
              .build());
    }
    InferenceConfig c = r.inferenceConfig();
    InferenceConfiguration inference = null;
    if (c.maxTokens() != null
        || c.temperature() != null
        || c.topP() != null
        || !c.stopSequences().isEmpty()) {
      InferenceConfiguration.Builder ib =
          InferenceConfiguration.builder()
              .maxTokens(c.maxTokens())
              .temperature(c.temperature() == null ? null : c.temperature().floatValue())
              .topP(c.topP() == null ? null : c.topP().floatValue());
      if (!c.stopSequences().isEmpty()) {
        ib.stopSequences(c.stopSequences());
      }
      inference = ib.build();
    }
    Map<String, Document> extra = new LinkedHashMap<>();
    if (c.topK() != null) {
      if (claude) {
        extra.put("top_k", Document.fromNumber(c.topK()));
      } else {
        extra.put(
            "inferenceConfig", Document.fromMap(Map.of("topK", Document.fromNumber(c.topK()))));
      }
    }
    OutputConfig.Builder output = null;
    if (r.reasoning() != null) {
      if (r.reasoning().budgetTokens() != null) {
        extra.put(
            "thinking",
            Document.mapBuilder()
                .putString("type", "enabled")
                .putNumber("budget_tokens", r.reasoning().budgetTokens())
                .build());
      }
      if (r.reasoning().effort() != null) {
        output =
            OutputConfig.builder().effort(r.reasoning().effort().name().toLowerCase(Locale.ROOT));
      }
    }
    if (r.responseFormat() != null) {
      output = output == null ? OutputConfig.builder() : output;
      output.textFormat(
          OutputFormat.builder()
              .type("json_schema")
              .structure(
                  OutputFormatStructure.fromJsonSchema(
                      JsonSchemaDefinition.builder()
                          .name(r.responseFormat().name())
                          .description(r.responseFormat().description())
                          .schema(r.responseFormat().schema().toJson())
                          .build()))
              .build());
    }
    for (Map.Entry<String, Object> e : r.additionalModelFields().entrySet()) {
      extra.put(e.getKey(), document(JsonValue.of(e.getValue())));
    }
    PerformanceConfiguration performance =
        r.latency() == null
            ? null
            : PerformanceConfiguration.builder().latency(r.latency().wireValue()).build();
    ServiceTier tier =
        r.serviceTier() == null
            ? null
            : ServiceTier.builder().type(r.serviceTier().wireValue()).build();
    return new Parts(
        messages,
        system,
        inference,
        tools(r.toolConfig(), hasToolBlocks(r)),
        extra.isEmpty() ? null : Document.fromMap(extra),
        output == null ? null : output.build(),
        performance,
        tier);
  }

  /** Tier and latency from the typed settings, else from {@link BedrockOptions}' strings. */
  static Parts withOptionDefaults(Parts p, GenerationRequest r) {
    BedrockOptions o = r.option(BedrockOptions.class).orElse(null);
    if (o == null) {
      return p;
    }
    PerformanceConfiguration perf =
        p.performance() != null || o.performanceConfigLatency() == null
            ? p.performance()
            : PerformanceConfiguration.builder().latency(o.performanceConfigLatency()).build();
    ServiceTier tier =
        p.serviceTier() != null || o.serviceTier() == null
            ? p.serviceTier()
            : ServiceTier.builder().type(o.serviceTier()).build();
    return new Parts(
        p.messages(),
        p.system(),
        p.inference(),
        p.tools(),
        p.additionalFields(),
        p.output(),
        perf,
        tier);
  }

  private static boolean hasToolBlocks(GenerationRequest r) {
    for (dev.genaiaws.core.Message m :
        r.messages()) { // a loop, not a stream: this runs on every call
      for (dev.genaiaws.core.ContentBlock b : m.content()) {
        if (b instanceof ToolUseBlock || b instanceof ToolResultBlock) {
          return true;
        }
      }
    }
    return false;
  }

  private static @Nullable ToolConfiguration tools(
      @Nullable ToolConfig config, boolean toolBlocks) {
    if (config == null) {
      return null;
    }
    if (config.choice().mode() == ToolChoice.Mode.NONE) {
      // Converse has no "none": leave the tools out, unless the conversation holds tool blocks
      // (then Bedrock
      // requires them, and the model may call one)
      return toolBlocks ? toolConfiguration(config, null) : null;
    }
    software.amazon.awssdk.services.bedrockruntime.model.ToolChoice choice =
        switch (config.choice().mode()) {
          case ANY ->
              software.amazon.awssdk.services.bedrockruntime.model.ToolChoice.fromAny(
                  AnyToolChoice.builder().build());
          case TOOL ->
              software.amazon.awssdk.services.bedrockruntime.model.ToolChoice.fromTool(
                  SpecificToolChoice.builder().name(config.choice().toolName()).build());
          default ->
              null; // AUTO is the service's default: not sent, so models without toolChoice support
            // work
        };
    return toolConfiguration(config, choice);
  }

  private static ToolConfiguration toolConfiguration(
      ToolConfig config,
      software.amazon.awssdk.services.bedrockruntime.model.@Nullable ToolChoice choice) {
    List<Tool> tools = new ArrayList<>();
    for (ToolSpec t : config.tools()) {
      ToolSpecification.Builder spec =
          ToolSpecification.builder()
              .name(t.name())
              .description(t.description())
              .inputSchema(ToolInputSchema.fromJson(document(t.inputSchema())));
      if (t.strict()) {
        spec.strict(true);
      }
      tools.add(Tool.fromToolSpec(spec.build()));
    }
    if (config.cachePoint() != null) {
      tools.add(Tool.fromCachePoint(cachePoint(config.cachePoint())));
    }
    return ToolConfiguration.builder().tools(tools).toolChoice(choice).build();
  }

  private static software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock cachePoint(
      CachePointBlock c) {
    software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock.Builder b =
        software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock.builder()
            .type("default");
    if (c.ttl() != null) {
      b.ttl(c.ttl().equals(Duration.ofHours(1)) ? "1h" : "5m");
    }
    return b.build();
  }

  private static software.amazon.awssdk.services.bedrockruntime.model.ContentBlock block(
      ContentBlock b) {
    if (b instanceof TextBlock t) {
      return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText(t.text());
    }
    if (b instanceof ImageBlock i) {
      return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromImage(image(i));
    }
    if (b instanceof DocumentBlock d) {
      return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromDocument(
          document(d));
    }
    if (b instanceof ToolUseBlock u) {
      return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolUse(
          software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock.builder()
              .toolUseId(u.id())
              .name(u.name())
              .input(document(u.input()))
              .build());
    }
    if (b instanceof ToolResultBlock r) {
      List<ToolResultContentBlock> content = new ArrayList<>();
      for (ContentBlock c : r.content()) {
        if (c instanceof TextBlock t) {
          content.add(ToolResultContentBlock.fromText(t.text()));
        } else if (c instanceof JsonBlock j) {
          content.add(ToolResultContentBlock.fromJson(document(j.json())));
        } else if (c instanceof ImageBlock i) {
          content.add(ToolResultContentBlock.fromImage(image(i)));
        } else if (c instanceof DocumentBlock d) {
          content.add(ToolResultContentBlock.fromDocument(document(d)));
        }
      }
      return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolResult(
          software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock.builder()
              .toolUseId(r.toolUseId())
              .content(content)
              .status(r.error() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS)
              .build());
    }
    if (b instanceof ReasoningBlock r) {
      ReasoningContentBlock reasoning =
          r.isRedacted()
              ? ReasoningContentBlock.fromRedactedContent(
                  SdkBytes.fromByteArrayUnsafe(r.redacted()))
              : ReasoningContentBlock.fromReasoningText(
                  ReasoningTextBlock.builder().text(r.text()).signature(r.signature()).build());
      return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromReasoningContent(
          reasoning);
    }
    if (b instanceof CitationsBlock c) {
      return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromCitationsContent(
          citations(c));
    }
    if (b instanceof CachePointBlock c) {
      return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromCachePoint(
          cachePoint(c));
    }
    throw new InvalidRequestException(
        "a "
            + b.getClass().getSimpleName()
            + " can only be inside a tool result, not directly in a message");
  }

  private static CitationsContentBlock citations(CitationsBlock c) {
    List<software.amazon.awssdk.services.bedrockruntime.model.Citation> list = new ArrayList<>();
    for (Citation ct : c.citations()) {
      software.amazon.awssdk.services.bedrockruntime.model.Citation.Builder cb =
          software.amazon.awssdk.services.bedrockruntime.model.Citation.builder()
              .title(ct.title())
              .source(ct.source())
              .sourceContent(
                  ct.sourceContent().stream()
                      .map(s -> CitationSourceContent.builder().text(s).build())
                      .toList());
      if (ct.location() != null) {
        cb.location(location(ct.location()));
      }
      list.add(cb.build());
    }
    return CitationsContentBlock.builder()
        .content(
            software.amazon.awssdk.services.bedrockruntime.model.CitationGeneratedContent.builder()
                .text(c.text())
                .build())
        .citations(list)
        .build();
  }

  private static CitationLocation location(Citation.Location l) {
    return switch (l.kind()) {
      case "documentChar" ->
          CitationLocation.fromDocumentChar(
              b -> b.documentIndex(l.index()).start(l.start()).end(l.end()));
      case "documentPage" ->
          CitationLocation.fromDocumentPage(
              b -> b.documentIndex(l.index()).start(l.start()).end(l.end()));
      case "documentChunk" ->
          CitationLocation.fromDocumentChunk(
              b -> b.documentIndex(l.index()).start(l.start()).end(l.end()));
      case "searchResultLocation" ->
          CitationLocation.fromSearchResultLocation(
              b -> b.searchResultIndex(l.index()).start(l.start()).end(l.end()));
      case "web" -> CitationLocation.fromWeb(b -> b.url(l.url()));
      default ->
          throw new InvalidRequestException("unknown citation location kind '" + l.kind() + "'");
    };
  }

  private static software.amazon.awssdk.services.bedrockruntime.model.ImageBlock image(
      ImageBlock i) {
    String format = i.format().toLowerCase(Locale.ROOT);
    format = format.equals("jpg") ? "jpeg" : format;
    if (!IMAGE_FORMATS.contains(format)) {
      throw new InvalidRequestException(
          "Converse images must be one of " + IMAGE_FORMATS + " but was " + i.mediaType());
    }
    return software.amazon.awssdk.services.bedrockruntime.model.ImageBlock.builder()
        .format(format)
        .source(ImageSource.fromBytes(SdkBytes.fromByteArrayUnsafe(i.bytes())))
        .build();
  }

  private static software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock document(
      DocumentBlock d) {
    software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock.Builder b =
        software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock.builder()
            .name(d.name())
            .format(d.format())
            .source(
                d.text() != null
                    ? DocumentSource.fromText(d.text())
                    : DocumentSource.fromBytes(SdkBytes.fromByteArrayUnsafe(d.bytes())));
    if (d.citations()) {
      b.citations(CitationsConfig.builder().enabled(true).build());
    }
    return b.build();
  }

  /** A JSON value as an SDK document. */
  public static Document document(JsonValue v) {
    if (v instanceof JsonValue.JsonObject o) {
      Map<String, Document> m = new LinkedHashMap<>();
      o.members().forEach((k, e) -> m.put(k, document(e)));
      return Document.fromMap(m);
    }
    if (v instanceof JsonValue.JsonArray a) {
      List<Document> l = new ArrayList<>(a.elements().size());
      a.elements().forEach(e -> l.add(document(e)));
      return Document.fromList(l);
    }
    if (v instanceof JsonValue.JsonString s) {
      return Document.fromString(s.value());
    }
    if (v instanceof JsonValue.JsonNumber n) {
      return Document.fromNumber(n.value());
    }
    if (v instanceof JsonValue.JsonBoolean b) {
      return Document.fromBoolean(b.value());
    }
    return Document.fromNull();
  }

  /** An SDK document as a JSON value. */
  public static JsonValue json(Document d) {
    if (d == null || d.isNull()) {
      return JsonValue.JsonNull.INSTANCE;
    }
    if (d.isMap()) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      d.asMap().forEach((k, e) -> m.put(k, json(e)));
      return new JsonValue.JsonObject(m);
    }
    if (d.isList()) {
      return new JsonValue.JsonArray(d.asList().stream().map(ConverseMapping::json).toList());
    }
    if (d.isString()) {
      return new JsonValue.JsonString(d.asString());
    }
    if (d.isNumber()) {
      return new JsonValue.JsonNumber(new BigDecimal(d.asNumber().stringValue()));
    }
    if (d.isBoolean()) {
      return new JsonValue.JsonBoolean(d.asBoolean());
    }
    return JsonValue.JsonNull.INSTANCE;
  }

  // ---------------------------------------------------------------- response

  /** The neutral response of a Converse answer (metadata still empty). */
  static GenerationResponse response(
      software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse r) {
    List<ContentBlock> content = new ArrayList<>();
    if (r.output() != null && r.output().message() != null) {
      for (software.amazon.awssdk.services.bedrockruntime.model.ContentBlock b :
          r.output().message().content()) {
        ContentBlock n = neutral(b);
        if (n != null) {
          content.add(n);
        }
      }
    }
    String raw = r.stopReasonAsString();
    return GenerationResponse.builder()
        .content(content)
        .stopReason(STOP_REASONS.apply(raw), raw)
        .usage(usage(r.usage()))
        .build();
  }

  static TokenUsage usage(software.amazon.awssdk.services.bedrockruntime.model.TokenUsage u) {
    if (u == null) {
      return TokenUsage.none();
    }
    return new TokenUsage(
        n(u.inputTokens()),
        n(u.outputTokens()),
        n(u.cacheReadInputTokens()),
        n(u.cacheWriteInputTokens()));
  }

  private static int n(Integer i) {
    return i == null ? 0 : Math.max(0, i);
  }

  /** One answer block in neutral form, or {@code null} for kinds this SDK does not model yet. */
  static @Nullable ContentBlock neutral(
      software.amazon.awssdk.services.bedrockruntime.model.ContentBlock b) {
    if (b.text() != null) {
      return new TextBlock(b.text());
    }
    if (b.toolUse() != null) {
      return new ToolUseBlock(
          b.toolUse().toolUseId(), b.toolUse().name(), json(b.toolUse().input()));
    }
    if (b.reasoningContent() != null) {
      ReasoningContentBlock rc = b.reasoningContent();
      if (rc.redactedContent() != null) {
        return ReasoningBlock.redacted(rc.redactedContent().asByteArrayUnsafe());
      }
      ReasoningTextBlock t = rc.reasoningText();
      return ReasoningBlock.of(
          t == null || t.text() == null ? "" : t.text(), t == null ? null : t.signature());
    }
    if (b.citationsContent() != null) {
      CitationsContentBlock c = b.citationsContent();
      StringBuilder text = new StringBuilder();
      c.content().forEach(g -> text.append(g.text() == null ? "" : g.text()));
      return new CitationsBlock(
          text.toString(), c.citations().stream().map(ConverseMapping::citation).toList());
    }
    if (b.image() != null && b.image().source() != null && b.image().source().bytes() != null) {
      return ImageBlock.of(
          b.image().source().bytes().asByteArray(), "image/" + b.image().formatAsString());
    }
    return null;
  }

  static Citation citation(software.amazon.awssdk.services.bedrockruntime.model.Citation c) {
    return new Citation(
        c.title(),
        c.source(),
        c.sourceContent().stream()
            .map(CitationSourceContent::text)
            .filter(java.util.Objects::nonNull)
            .toList(),
        location(c.location()));
  }

  static Citation.@Nullable Location location(@Nullable CitationLocation l) {
    if (l == null) {
      return null;
    }
    if (l.documentChar() != null) {
      return new Citation.Location(
          "documentChar",
          l.documentChar().documentIndex(),
          l.documentChar().start(),
          l.documentChar().end(),
          null);
    }
    if (l.documentPage() != null) {
      return new Citation.Location(
          "documentPage",
          l.documentPage().documentIndex(),
          l.documentPage().start(),
          l.documentPage().end(),
          null);
    }
    if (l.documentChunk() != null) {
      return new Citation.Location(
          "documentChunk",
          l.documentChunk().documentIndex(),
          l.documentChunk().start(),
          l.documentChunk().end(),
          null);
    }
    if (l.searchResultLocation() != null) {
      return new Citation.Location(
          "searchResultLocation",
          l.searchResultLocation().searchResultIndex(),
          l.searchResultLocation().start(),
          l.searchResultLocation().end(),
          null);
    }
    if (l.web() != null) {
      return new Citation.Location("web", null, null, null, l.web().url());
    }
    return new Citation.Location(String.valueOf(l.type()), null, null, null, null);
  }
}
