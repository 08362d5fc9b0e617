package dev.genaiaws.samples.rag;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJobStatus;

/**
 * The RAG function end to end: a captured-shape HTTP API (payload 2.0, IAM-authorized) event in,
 * the real knowledge-base client against the emulator, the HTTP answer out.
 */
class RagHandlerTest {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  static final String KB = "KB12345678";
  static final String DS = "DS12345678";

  @TempDir static Path bucket;
  static KnowledgeBaseEmulator emulator;
  static final RecordingSleeper SLEEPER = new RecordingSleeper();
  static RagHandler handler;

  @BeforeAll
  static void start() throws IOException {
    Files.writeString(
        bucket.resolve("atlas.txt"),
        "The Atlas pump moves 40 litres per minute. It was released in"
            + " 2019 and costs 300 euros.");
    Files.writeString(bucket.resolve("borealis.md"), "The Borealis pump is silent at 20 decibels.");
    emulator =
        KnowledgeBaseEmulator.builder()
            .knowledgeBase(KB, DS, "docs")
            .bucketFolder("docs", bucket)
            .start();
    try (BedrockAgentClient agent =
        BedrockAgentClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .build()) {
      String id =
          agent
              .startIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS))
              .ingestionJob()
              .ingestionJobId();
      while (agent
              .getIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS).ingestionJobId(id))
              .ingestionJob()
              .status()
          != IngestionJobStatus.COMPLETE) {
        // each poll advances the emulator's job
      }
    }
    RagConfig config =
        RagConfig.fromEnvironment(
            Map.of(
                "KB_ID",
                KB,
                "KB_ENDPOINT",
                emulator.endpoint().toString(),
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY",
                "secret-test"));
    handler = new RagHandler(config.withRetryPolicy(SLEEPER.policy(3)));
  }

  @AfterAll
  static void stop() {
    handler.close();
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.reset();
    SLEEPER.clear();
  }

  static APIGatewayV2HTTPEvent event(String body) throws IOException {
    try (InputStream in =
        RagHandlerTest.class.getResourceAsStream("/events/rag-http-api-v2-iam.json")) {
      APIGatewayV2HTTPEvent e =
          JSON.readValue(
              new String(in.readAllBytes(), StandardCharsets.UTF_8), APIGatewayV2HTTPEvent.class);
      if (body != null) {
        e.setBody(body);
      }
      return e;
    }
  }

  static JsonNode body(APIGatewayV2HTTPResponse r) throws IOException {
    assertThat(r.getHeaders()).containsEntry("content-type", "application/json; charset=utf-8");
    return JSON.readTree(r.getBody());
  }

  @Test
  void question_answersWithCitationsOfTheSourceDocument() throws IOException {
    APIGatewayV2HTTPResponse r = handler.handleRequest(event(null), null);
    assertThat(r.getStatusCode()).isEqualTo(200);
    JsonNode b = body(r);
    String answer = b.get("answer").asText();
    assertThat(answer).contains("300 euros");
    assertThat(b.get("sessionId").asText()).isNotBlank();
    JsonNode citation = b.at("/citations/0");
    assertThat(answer.substring(citation.get("start").asInt(), citation.get("end").asInt()))
        .isEqualTo(citation.get("text").asText());
    assertThat(citation.at("/sources/0/uri").asText()).isEqualTo("s3://docs/atlas.txt");
    assertThat(citation.at("/sources/0/excerpt").asText()).contains("Atlas pump");
  }

  @Test
  void followUp_withTheSessionId_usesTheEarlierTurn() throws IOException {
    String session = body(handler.handleRequest(event(null), null)).get("sessionId").asText();
    JsonNode next =
        body(
            handler.handleRequest(
                event(
                    "{\"question\": \"When was it released?\", \"sessionId\": \""
                        + session
                        + "\"}"),
                null));
    assertThat(next.get("answer").asText()).contains("2019");
    assertThat(next.get("sessionId").asText()).isEqualTo(session);
  }

  @Test
  void base64Body_isDecoded() throws IOException {
    APIGatewayV2HTTPEvent e =
        event(
            Base64.getEncoder()
                .encodeToString(
                    "{\"question\": \"Which pump is silent?\"}".getBytes(StandardCharsets.UTF_8)));
    e.setIsBase64Encoded(true);
    APIGatewayV2HTTPResponse r = handler.handleRequest(e, null);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(body(r).at("/citations/0/sources/0/uri").asText())
        .isEqualTo("s3://docs/borealis.md");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{not json",
        "[1]",
        "{}",
        "{\"question\": \"  \"}",
        "{\"question\": 42}",
        "{\"question\": \"q\", \"sessionId\": 7}"
      })
  void badInput_is400_withoutCallingTheService(String body) throws IOException {
    APIGatewayV2HTTPResponse r = handler.handleRequest(event(body), null);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(body(r).get("error").asText()).isEqualTo("BadRequest");
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void tooLongQuestion_andUnknownSession_are400() throws IOException {
    assertThat(
            handler
                .handleRequest(event("{\"question\": \"" + "x".repeat(1001) + "\"}"), null)
                .getStatusCode())
        .isEqualTo(400);
    APIGatewayV2HTTPResponse r =
        handler.handleRequest(event("{\"question\": \"q?\", \"sessionId\": \"expired-1\"}"), null);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(body(r).get("message").asText()).contains("sessionId");
  }

  @Test
  void throttledAfterTheRetries_is429() throws IOException {
    for (int i = 0; i < 3; i++) {
      emulator.enqueue(KB, Fault.throttling());
    }
    APIGatewayV2HTTPResponse r = handler.handleRequest(event(null), null);
    assertThat(r.getStatusCode()).isEqualTo(429);
    assertThat(body(r).get("error").asText()).isEqualTo("TooManyRequests");
    assertThat(SLEEPER.waits()).hasSize(2);
  }

  @Test
  void otherServiceFailures_are502_andDoNotLeakTheQuestion() throws IOException {
    emulator.enqueue(KB, Fault.accessDenied());
    APIGatewayV2HTTPResponse r = handler.handleRequest(event(null), null);
    assertThat(r.getStatusCode()).isEqualTo(502);
    assertThat(body(r).get("message").asText())
        .contains("AccessDeniedException")
        .doesNotContain("Atlas");

    for (int i = 0; i < 3; i++) {
      emulator.enqueue(
          KB, Fault.error(424, "DependencyFailedException", "the vector store failed"));
    }
    assertThat(handler.handleRequest(event(null), null).getStatusCode()).isEqualTo(502);
  }

  @Test
  void noEvent_is400() {
    assertThat(handler.handleRequest(null, null).getStatusCode()).isEqualTo(400);
  }
}
