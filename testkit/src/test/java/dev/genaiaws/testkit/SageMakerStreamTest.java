package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalStreamFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/** InvokeEndpointWithResponseStream: PayloadParts cut anywhere, reassembled by the client. */
class SageMakerStreamTest {
  static final String BODY =
      "{\"inputs\":\"Tell me about Zürich\",\"parameters\":{\"max_new_tokens\":200,"
          + "\"return_full_text\":false},\"stream\":true}";

  record Parts(List<byte[]> parts, Throwable error) {
    byte[] joined() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      parts.forEach(out::writeBytes);
      return out.toByteArray();
    }
  }

  static Parts stream(SageMakerRuntimeAsyncClient client, String endpoint, String body) {
    List<byte[]> parts = Collections.synchronizedList(new ArrayList<>());
    InvokeEndpointWithResponseStreamResponseHandler handler =
        InvokeEndpointWithResponseStreamResponseHandler.builder()
            .subscriber(
                InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                    .onPayloadPart(p -> parts.add(p.bytes().asByteArray()))
                    .build())
            .build();
    CompletableFuture<Void> f =
        client.invokeEndpointWithResponseStream(
            InvokeEndpointWithResponseStreamRequest.builder()
                .endpointName(endpoint)
                .contentType("application/json")
                .body(SdkBytes.fromUtf8String(body))
                .build(),
            handler);
    Throwable error = Clients.await(f);
    return new Parts(List.copyOf(parts), error);
  }

  /**
   * Client-side reassembly as a codec would do it: buffer bytes, split complete lines, parse data:
   * lines.
   */
  static List<JsonNode> events(byte[] all) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : new String(all, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("data:")) {
        out.add(Clients.json(line.substring(5)));
      }
    }
    return out;
  }

  static String text(List<JsonNode> events) {
    StringBuilder sb = new StringBuilder();
    events.stream()
        .filter(e -> !e.at("/token/special").asBoolean())
        .forEach(e -> sb.append(e.at("/token/text").asText()));
    return sb.toString();
  }

  static boolean splitsInsideCharacter(List<byte[]> parts) {
    for (int i = 1; i < parts.size(); i++) {
      if (parts.get(i).length > 0 && (parts.get(i)[0] & 0xC0) == 0x80) {
        return true;
      }
    }
    return false;
  }

  @Test
  void stream_tgiOneBytePerPart_textIntactIncludingMultiByteCharacters() {
    try (SageMakerEmulator sm =
            SageMakerEmulator.builder()
                .endpoint("tgi", SageMakerEmulator.Container.TGI)
                .streamPartSize(1)
                .start()
                .textStyle(TextStyle.EDGE_CASES);
        SageMakerRuntimeAsyncClient async = Clients.sageMakerAsync(sm.endpoint());
        SageMakerRuntimeClient sync = Clients.sageMaker(sm.endpoint())) {
      String expected =
          Clients.json(
                  sync.invokeEndpoint(
                          InvokeEndpointRequest.builder()
                              .endpointName("tgi")
                              .contentType("application/json")
                              .body(SdkBytes.fromUtf8String(BODY.replace("true}", "false}")))
                              .build())
                      .body()
                      .asByteArray())
              .at("/0/generated_text")
              .asText();

      Parts p = stream(async, "tgi", BODY);

      assertThat(p.error()).isNull();
      assertThat(p.parts()).allSatisfy(b -> assertThat(b).hasSize(1));
      assertThat(splitsInsideCharacter(p.parts())).isTrue();
      List<JsonNode> events = events(p.joined());
      assertThat(text(events)).isEqualTo(expected).matches(s -> s.chars().anyMatch(c -> c > 127));
      JsonNode last = events.get(events.size() - 1);
      assertThat(last.path("generated_text").asText()).isEqualTo(expected);
      assertThat(last.at("/details/finish_reason").asText()).isEqualTo("eos_token");
      assertThat(last.at("/token/special").asBoolean()).isTrue();
    }
  }

  @Test
  void stream_seededRandomSplit_deterministicPartsAndSameText() {
    try (SageMakerEmulator sm =
            SageMakerEmulator.builder()
                .endpoint("lmi", SageMakerEmulator.Container.LMI)
                .streamSplitSeed(99, 9)
                .start();
        SageMakerRuntimeAsyncClient async = Clients.sageMakerAsync(sm.endpoint())) {
      Parts first = stream(async, "lmi", BODY);
      Parts second = stream(async, "lmi", BODY);

      assertThat(first.parts()).hasSizeGreaterThan(20);
      assertThat(first.parts().stream().map(b -> b.length).toList())
          .isEqualTo(second.parts().stream().map(b -> b.length).toList())
          .allSatisfy(n -> assertThat(n).isBetween(1, 9));
      assertThat(first.joined()).isEqualTo(second.joined());
      assertThat(new String(first.joined(), StandardCharsets.UTF_8))
          .startsWith("data:{\"index\":1,");
      assertThat(text(events(first.joined()))).isNotBlank();
      RecordedRequest r = sm.takeRequest();
      assertThat(r.operation()).isEqualTo("invocations-response-stream");
    }
  }

  @Test
  void stream_maxNewTokensReached_lastTokenCarriesLengthDetails() {
    try (SageMakerEmulator sm =
            SageMakerEmulator.builder().endpoint("tgi", SageMakerEmulator.Container.TGI).start();
        SageMakerRuntimeAsyncClient async = Clients.sageMakerAsync(sm.endpoint())) {
      Parts p =
          stream(
              async,
              "tgi",
              "{\"inputs\":\"hi\",\"parameters\":{\"max_new_tokens\":3},\"stream\":true}");

      List<JsonNode> events = events(p.joined());
      assertThat(events).hasSize(3);
      assertThat(events.get(2).at("/details/finish_reason").asText()).isEqualTo("length");
      assertThat(events.get(2).at("/details/generated_tokens").asInt()).isEqualTo(3);
      assertThat(events.get(0).path("generated_text").isNull()).isTrue();
    }
  }

  @Test
  void stream_modelStreamErrorAfterFiveParts_fivePartsThenException() {
    try (SageMakerEmulator sm =
            SageMakerEmulator.builder().endpoint("tgi", SageMakerEmulator.Container.TGI).start();
        SageMakerRuntimeAsyncClient async = Clients.sageMakerAsync(sm.endpoint())) {
      sm.forEndpoint("tgi")
          .enqueue(Fault.inStream(Fault.StreamError.MODEL_STREAM_ERROR, 5))
          .enqueue(Fault.inStream(Fault.StreamError.INTERNAL_SERVER, 2));

      Parts p = stream(async, "tgi", BODY);
      Parts q = stream(async, "tgi", BODY);

      assertThat(p.parts()).hasSize(5);
      assertThat(p.error())
          .isInstanceOfSatisfying(
              ModelStreamErrorException.class,
              e -> assertThat(e.errorCode()).isEqualTo("StreamBroken"));
      assertThat(q.parts()).hasSize(2);
      assertThat(q.error()).isInstanceOf(InternalStreamFailureException.class);
    }
  }

  @Test
  void stream_containerWithoutStreaming_validationError() {
    try (SageMakerEmulator sm =
            SageMakerEmulator.builder()
                .endpoint("embed", SageMakerEmulator.Container.EMBEDDING)
                .start();
        SageMakerRuntimeAsyncClient async = Clients.sageMakerAsync(sm.endpoint())) {
      Parts p = stream(async, "embed", "{\"inputs\":[\"a\"]}");

      assertThat(p.parts()).isEmpty();
      assertThat(p.error())
          .isInstanceOf(ValidationErrorException.class)
          .hasMessageContaining("does not support response streaming");
    }
  }

  @Test
  void stream_slowFirstByteThenCannedBody_delayedAndSplit() {
    try (SageMakerEmulator sm =
            SageMakerEmulator.builder()
                .endpoint("tgi", SageMakerEmulator.Container.TGI)
                .streamPartSize(4)
                .start();
        SageMakerRuntimeAsyncClient async = Clients.sageMakerAsync(sm.endpoint())) {
      java.time.Duration delay = java.time.Duration.ofMillis(200);
      sm.forEndpoint("tgi")
          .enqueue(Fault.delayFirstByte(delay))
          .enqueueResponse("data:{\"token\":{\"text\":\"ok\"}}\n\n");

      long start = System.nanoTime();
      Parts delayed = stream(async, "tgi", BODY);
      java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
      Parts canned = stream(async, "tgi", BODY);

      assertThat(took).isGreaterThanOrEqualTo(delay);
      assertThat(delayed.error()).isNull();
      assertThat(text(events(delayed.joined()))).isNotBlank();
      assertThat(canned.parts())
          .hasSize(8)
          .allSatisfy(b -> assertThat(b.length).isLessThanOrEqualTo(4));
      assertThat(new String(canned.joined(), StandardCharsets.UTF_8))
          .isEqualTo("data:{\"token\":{\"text\":\"ok\"}}\n\n");
    }
  }
}
