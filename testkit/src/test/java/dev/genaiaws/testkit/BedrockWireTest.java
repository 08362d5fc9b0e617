package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

/** The bytes on the wire, checked without the AWS SDK in between. */
class BedrockWireTest {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private HttpResponse<byte[]> post(URI base, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static List<Message> decode(byte[] body) {
    List<Message> out = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.wrap(body);
    while (buf.hasRemaining()) {
      out.add(Message.decode(buf));
    }
    return out;
  }

  @Test
  void stream_rawBytes_eventStreamFramesWithChunkHeadersAndBase64Payload() throws Exception {
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      bedrock.enqueue(Fault.inStream(Fault.StreamError.THROTTLING, 2));

      HttpResponse<byte[]> r =
          post(
              bedrock.endpoint(),
              "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream",
              "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValue("application/vnd.amazon.eventstream");
      assertThat(r.headers().firstValue("X-Amzn-Bedrock-Content-Type"))
          .hasValue("application/json");
      assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
      List<Message> messages = decode(r.body());
      assertThat(messages).hasSize(3);
      Message chunk = messages.get(0);
      assertThat(chunk.getHeaders().get(":message-type").getString()).isEqualTo("event");
      assertThat(chunk.getHeaders().get(":event-type").getString()).isEqualTo("chunk");
      assertThat(chunk.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
      JsonNode payload = Clients.json(chunk.getPayload());
      JsonNode model = Clients.json(Base64.getDecoder().decode(payload.path("bytes").asText()));
      assertThat(model.path("type").asText()).isEqualTo("message_start");
      Message error = messages.get(2);
      assertThat(error.getHeaders().get(":message-type").getString()).isEqualTo("exception");
      assertThat(error.getHeaders().get(":exception-type").getString())
          .isEqualTo("throttlingException");
      assertThat(Clients.json(error.getPayload()).path("message").asText()).isNotBlank();
    }
  }

  @Test
  void invoke_error_errorTypeHeaderAndMessageBody() throws Exception {
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      HttpResponse<byte[]> r = post(bedrock.endpoint(), "/model/nope.model/invoke", "{}");

      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.headers().firstValue("x-amzn-ErrorType"))
          .hasValue("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/");
      assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("{\"message\":\"The provided model identifier is invalid.\"}");
    }
  }

  @Test
  void unknownPath_notFound() throws Exception {
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      HttpResponse<byte[]> r = post(bedrock.endpoint(), "/foundation-models", "{}");

      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(bedrock.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void converseStream_rawBytes_eventTypeIsMemberNameAndPayloadIsMember() throws Exception {
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      HttpResponse<byte[]> r =
          post(
              bedrock.endpoint(),
              "/model/amazon.nova-micro-v1%3A0/converse-stream",
              "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}");

      List<Message> messages = decode(r.body());
      assertThat(messages.get(0).getHeaders().get(":event-type").getString())
          .isEqualTo("messageStart");
      assertThat(Clients.json(messages.get(0).getPayload()).path("role").asText())
          .isEqualTo("assistant");
      Message last = messages.get(messages.size() - 1);
      assertThat(last.getHeaders().get(":event-type").getString()).isEqualTo("metadata");
      assertThat(Clients.json(last.getPayload()).at("/usage/totalTokens").asInt()).isPositive();
    }
  }
}
