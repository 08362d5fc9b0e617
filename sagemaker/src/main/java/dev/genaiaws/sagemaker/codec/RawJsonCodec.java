package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.sagemaker.SageMakerFormats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * A passthrough for containers this SDK has no codec for: you write the body, you read the answer.
 *
 * <p><b>Request.</b> The {@link RawJson} option attached to the request, sent as it is; without
 * one, {@code {"inputs": "<prompt>"}} (the Hugging Face inference toolkit's shape, prompt rendered
 * with {@link ChatTemplate#PLAIN}). {@code additionalModelFields} are merged into either. No
 * neutral inference parameter is translated: put them in the body (a client default such as {@code
 * maxTokens} fails with {@code UnsupportedParameterException} unless the client drops unsupported
 * parameters).
 *
 * <p><b>Answer.</b> {@code rawBody()} is the container's body. {@code text()} is the string at the
 * configured JSON pointer ({@link #withTextPointer}); by default the first of {@code
 * /0/generated_text}, {@code /generated_text}, {@code /generated_texts/0}, {@code /outputs/0},
 * {@code /choices/0/message/content}, {@code /choices/0/text} that exists, else empty. A body that
 * is not JSON is returned as the text.
 *
 * <p><b>Stream.</b> The payload parts are decoded as UTF-8 text (characters split across parts are
 * joined) and passed on as they come.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class RawJsonCodec implements ModelCodec {
  private static final List<String> DEFAULT_POINTERS =
      List.of(
          "/0/generated_text",
          "/generated_text",
          "/generated_texts/0",
          "/outputs/0",
          "/choices/0/message/content",
          "/choices/0/text");

  private final ModelFamily family;
  private final String textPointer;

  private RawJsonCodec(ModelFamily family, @Nullable String textPointer) {
    this.family = Checks.notNull(family, "family");
    this.textPointer = textPointer;
  }

  /** A codec for {@link SageMakerFormats#RAW_JSON} looking for the text at the common places. */
  public static RawJsonCodec create() {
    return new RawJsonCodec(SageMakerFormats.RAW_JSON, null);
  }

  /**
   * The same codec reading {@code text()} at a JSON pointer (RFC 6901), e.g. {@code
   * "/predictions/0/answer"}.
   *
   * @throws InvalidRequestException when the pointer does not start with {@code /}
   */
  public RawJsonCodec withTextPointer(String pointer) {
    if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
      throw new InvalidRequestException("a JSON pointer starts with '/' but was " + pointer);
    }
    return new RawJsonCodec(family, pointer);
  }

  /** The same codec under another family name. */
  public RawJsonCodec withFamily(ModelFamily family) {
    return new RawJsonCodec(family, textPointer);
  }

  @Override
  public ModelFamily family() {
    return family;
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(family.name()).build();
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    JsonNode body;
    var raw = request.option(RawJson.class);
    if (raw.isPresent()) {
      body = CodecJson.readQuietly(raw.get().bytes());
    } else {
      ObjectNode o = CodecJson.object();
      o.put("inputs", ChatTemplate.PLAIN.render(request));
      body = o;
    }
    if (!request.additionalModelFields().isEmpty()) {
      if (!(body instanceof ObjectNode object)) {
        throw new InvalidRequestException(
            "additionalModelFields can only be merged into a JSON object body,"
                + " but the RawJson body is a "
                + body.getNodeType());
      }
      CodecJson.mergeAdditional(object, request.additionalModelFields());
    }
    return CodecJson.bytes(body);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    String raw = CodecJson.string(body == null ? new byte[0] : body);
    JsonNode root;
    try {
      root = raw.isBlank() ? null : CodecJson.parse(raw);
    } catch (IOException e) {
      return GenerationResponse.builder().text(raw).stopReason(null, null).rawBody(raw).build();
    }
    return GenerationResponse.builder()
        .text(text(root))
        .stopReason(null, null)
        .rawBody(raw)
        .build();
  }

  private String text(JsonNode root) {
    if (root == null) {
      return "";
    }
    if (textPointer != null) {
      return asText(root.at(textPointer));
    }
    for (String p : DEFAULT_POINTERS) {
      JsonNode n = root.at(p);
      if (!n.isMissingNode() && !n.isNull()) {
        return asText(n);
      }
    }
    return "";
  }

  private static String asText(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new Utf8TextDecoder();
  }

  @Override
  public String toString() {
    return "RawJsonCodec[" + family + (textPointer == null ? "" : ", text at " + textPointer) + "]";
  }

  /** Payload parts as UTF-8 text; a character split across parts is held back until complete. */
  static final class Utf8TextDecoder implements StreamDecoder {
    private final CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean done;

    @Override
    public void decode(byte[] chunk, Consumer<GenerationEvent> sink) {
      if (chunk == null || chunk.length == 0) {
        return;
      }
      ByteBuffer in = ByteBuffer.allocate(pending.remaining() + chunk.length);
      in.put(pending).put(chunk).flip();
      CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
      utf8.decode(in, out, false);
      pending = in.slice();
      out.flip();
      if (out.hasRemaining()) {
        sink.accept(new GenerationEvent.TextDelta(out.toString()));
      }
    }

    @Override
    public void finish(Consumer<GenerationEvent> sink) {
      CharBuffer out = CharBuffer.allocate(pending.remaining() + 2);
      utf8.decode(pending, out, true);
      utf8.flush(out);
      out.flip();
      if (out.hasRemaining()) {
        sink.accept(new GenerationEvent.TextDelta(out.toString()));
      }
      if (!done) {
        done = true;
        sink.accept(new GenerationEvent.Completed(null, null, null, null));
      }
    }
  }
}
