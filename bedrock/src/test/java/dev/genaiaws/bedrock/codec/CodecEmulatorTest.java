package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each codec's documented request sent to the testkit's Bedrock emulator (written independently,
 * from the wire formats) over plain HTTP: the emulator must accept the body, and the codec must
 * read its answer and its event stream. Agreement here means both sides read the wire format the
 * same way.
 */
class CodecEmulatorTest {
  private static BedrockEmulator bedrock;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    bedrock = BedrockEmulator.start();
  }

  @AfterAll
  static void stop() {
    bedrock.close();
  }

  static Stream<Arguments> families() {
    return Stream.of(
        Arguments.of(new NovaCodec(), NovaCodecTest.documentedRequest()),
        Arguments.of(new ClaudeTextCodec(), ClaudeTextCodecTest.documentedRequest()),
        Arguments.of(new MistralTextCodec(), MistralTextCodecTest.documentedRequest()),
        Arguments.of(new MistralChatCodec(), MistralChatCodecTest.documentedRequest()),
        Arguments.of(new CohereCommandCodec(), CohereCommandCodecTest.documentedRequest()),
        Arguments.of(new CohereCommandRCodec(), CohereCommandRCodecTest.documentedRequest()),
        Arguments.of(new Jurassic2Codec(), Jurassic2CodecTest.documentedRequest()),
        Arguments.of(new JambaCodec(), JambaCodecTest.documentedRequest()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void invoke_documentedRequest_acceptedAndAnswerDecoded(
      ModelCodec codec, GenerationRequest request) throws Exception {
    HttpResponse<byte[]> response =
        post(request.modelId(), "invoke", codec.encode(request, request.modelId()));

    assertThat(response.statusCode())
        .as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    GenerationResponse decoded = codec.decode(response.body());
    assertThat(decoded.text()).isNotBlank();
    assertThat(decoded.stopReason()).isIn(StopReason.STOP, StopReason.LENGTH);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void stream_documentedRequest_sameTextAsInvokeAndOneCompleted(
      ModelCodec codec, GenerationRequest request) throws Exception {
    if (!codec.supportsStreaming()) {
      return;
    }
    String whole =
        codec
            .decode(
                post(request.modelId(), "invoke", codec.encode(request, request.modelId())).body())
            .text();
    HttpResponse<byte[]> response =
        post(
            request.modelId(),
            "invoke-with-response-stream",
            codec.encodeForStream(request, request.modelId()));

    assertThat(response.statusCode())
        .as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    StreamDecoder decoder = codec.newStreamDecoder();
    List<GenerationEvent> events = Golden.decode(decoder, chunks(response.body()));
    assertThat(Golden.text(events)).isEqualTo(whole);
    assertThat(events.stream().filter(GenerationEvent.Completed.class::isInstance)).hasSize(1);
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.usage().outputTokens()).isPositive();
    assertThat(done.stopReason()).isIn(StopReason.STOP, StopReason.LENGTH);
  }

  private static HttpResponse<byte[]> post(String modelId, String operation, byte[] body)
      throws IOException, InterruptedException {
    URI uri =
        bedrock
            .endpoint()
            .resolve(
                "/model/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8) + "/" + operation);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The decoded {@code bytes} of each event-stream message (prelude, headers, payload, CRC). */
  private static List<byte[]> chunks(byte[] stream) {
    List<byte[]> out = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.wrap(stream);
    while (buf.remaining() >= 16) {
      int start = buf.position();
      int total = buf.getInt();
      int headers = buf.getInt();
      byte[] payload = new byte[total - headers - 16];
      buf.position(start + 12 + headers);
      buf.get(payload);
      buf.position(start + total);
      JsonNode event = CodecJson.read(payload, "event");
      out.add(Base64.getDecoder().decode(event.get("bytes").asText()));
    }
    return out;
  }
}
