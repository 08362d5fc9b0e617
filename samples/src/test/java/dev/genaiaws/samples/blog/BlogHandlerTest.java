package dev.genaiaws.samples.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.storage.InvalidStorageKeyException;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blog function end to end: captured-shape API Gateway events in, the real Bedrock client
 * against the testkit's emulator, the real S3 store against S3Mock (started once for this class).
 */
class BlogHandlerTest {
  static final String BUCKET = "blog-posts";
  static final String MODEL = "meta.llama3-8b-instruct-v1:0";

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withInitialBuckets(BUCKET)
          .build();

  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static BedrockEmulator bedrock;
  static S3Client s3;
  static RecordingSleeper sleeper;
  static BlogHandler handler;
  static BlogStreamHandler streamHandler;

  @BeforeAll
  static void start() {
    bedrock = BedrockEmulator.start();
    s3 = S3_MOCK.createS3ClientV2();
    sleeper = new RecordingSleeper();
    handler = new BlogHandler(config(BUCKET));
    streamHandler = new BlogStreamHandler(config(BUCKET));
  }

  static BlogConfig config(String bucket) {
    Map<String, String> env = new HashMap<>();
    env.put("BLOG_MODEL_ID", MODEL);
    env.put("BLOG_BUCKET", bucket);
    env.put("BLOG_PREFIX", "blogs");
    env.put("BLOG_BEDROCK_ENDPOINT", bedrock.endpoint().toString());
    env.put("BLOG_S3_ENDPOINT", S3_MOCK.getServiceEndpoint());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    return BlogConfig.fromEnvironment(env).withRetryPolicy(sleeper.policy(3));
  }

  @AfterAll
  static void stop() {
    streamHandler.close();
    handler.close();
    s3.close();
    bedrock.close();
  }

  @BeforeEach
  void resetEmulator() {
    bedrock.reset();
  }

  static String resource(String name) {
    try (InputStream in = BlogHandlerTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static APIGatewayV2HTTPEvent event(String name) throws IOException {
    return JSON.readValue(resource(name), APIGatewayV2HTTPEvent.class);
  }

  static APIGatewayV2HTTPEvent withBody(String body) throws IOException {
    APIGatewayV2HTTPEvent event = event("http-api-v2.json");
    event.setBody(body);
    return event;
  }

  static JsonNode body(APIGatewayV2HTTPResponse response) throws IOException {
    assertThat(response.getHeaders())
        .containsEntry("content-type", "application/json; charset=utf-8");
    return JSON.readTree(response.getBody());
  }

  static String today() {
    return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
  }

  @Test
  void handleRequest_httpApiV2Event_savesPostToS3AndAnswers200() throws IOException {
    TestContext context = new TestContext("req-v2");

    APIGatewayV2HTTPResponse response = handler.handleRequest(event("http-api-v2.json"), context);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode body = body(response);
    String key = body.get("key").asText();
    assertThat(key).matches("blogs/" + today() + "/\\d{8}T\\d{9}Z-[0-9a-f]{12}\\.json");
    assertThat(body.get("uri").asText()).isEqualTo("s3://" + BUCKET + "/" + key);
    assertThat(body.get("model").asText()).isEqualTo(MODEL);
    assertThat(body.at("/usage/inputTokens").asInt()).isPositive();
    assertThat(body.at("/usage/outputTokens").asInt()).isPositive();

    JsonNode saved =
        JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String());
    assertThat(saved.get("modelId").asText()).isEqualTo(MODEL);
    assertThat(saved.at("/output/text").asText()).isNotBlank();
    assertThat(saved.at("/metadata/topic").asText()).isEqualTo("Serverless GenAI on AWS");
    assertThat(bedrock.takeRequest().bodyUtf8()).contains("Serverless GenAI on AWS");
    assertThat(context.allLogs())
        .contains("req-v2")
        .contains("200")
        .doesNotContain("Serverless GenAI");
  }

  @Test
  void handleRequest_restApiV1Event_readsBlogTopicAndAnswers200() throws IOException {
    APIGatewayV2HTTPResponse response =
        handler.handleRequest(event("rest-api-v1.json"), new TestContext("v1"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    String key = body(response).get("key").asText();
    String saved = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    assertThat(JSON.readTree(saved).at("/metadata/topic").asText())
        .isEqualTo("Cold starts and SnapStart");
  }

  @Test
  void handleRequest_base64Body_isDecoded() throws IOException {
    APIGatewayV2HTTPEvent event =
        withBody(
            Base64.getEncoder()
                .encodeToString(
                    "{\"topic\":\"Grüße aus München\"}".getBytes(StandardCharsets.UTF_8)));
    event.setIsBase64Encoded(true);

    APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestContext("b64"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    String key = body(response).get("key").asText();
    String saved = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    assertThat(JSON.readTree(saved).at("/metadata/topic").asText()).isEqualTo("Grüße aus München");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{}",
        "{\"topic\": \"\"}",
        "{\"topic\": \"   \"}",
        "{\"topic\": null}",
        "{\"topic\": 42}",
        "{not json",
        "[\"topic\"]",
        "\"just a string\""
      })
  void handleRequest_missingEmptyOrMalformedTopic_answers400WithoutCallingBedrock(
      String requestBody) throws IOException {
    APIGatewayV2HTTPResponse response =
        handler.handleRequest(withBody(requestBody), new TestContext("bad"));

    assertThat(response.getStatusCode()).isEqualTo(400);
    JsonNode body = body(response);
    assertThat(body.get("error").asText()).isEqualTo("BadRequest");
    assertThat(body.get("message").asText()).containsAnyOf("topic", "JSON", "body");
    assertThat(bedrock.requestCount()).isZero();
  }

  @Test
  void handleRequest_noBody_answers400() throws IOException {
    APIGatewayV2HTTPResponse response =
        handler.handleRequest(withBody(null), new TestContext("none"));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("message").asText()).contains("body is empty");
  }

  @Test
  void handleRequest_topicOf501Chars_answers400NamingTheLimit() throws IOException {
    String topic = "a".repeat(501);
    APIGatewayV2HTTPResponse response =
        handler.handleRequest(withBody("{\"topic\":\"" + topic + "\"}"), new TestContext("long"));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("message").asText()).contains("at most 500").contains("501");
    assertThat(bedrock.requestCount()).isZero();
  }

  @Test
  void handleRequest_topicOf500Chars_isAccepted() throws IOException {
    APIGatewayV2HTTPResponse response =
        handler.handleRequest(
            withBody("{\"topic\":\"" + "b".repeat(500) + "\"}"), new TestContext("limit"));

    assertThat(response.getStatusCode()).isEqualTo(200);
  }

  @Test
  void handleRequest_throttledOnEveryAttempt_answers429AfterRetries() throws IOException {
    int waitsBefore = sleeper.waits().size();
    bedrock.enqueue(Fault.throttling()).enqueue(Fault.throttling()).enqueue(Fault.throttling());
    TestContext context = new TestContext("throttled");

    APIGatewayV2HTTPResponse response = handler.handleRequest(event("http-api-v2.json"), context);

    assertThat(response.getStatusCode()).isEqualTo(429);
    JsonNode body = body(response);
    assertThat(body.get("error").asText()).isEqualTo("TooManyRequests");
    assertThat(body.get("message").asText()).contains("3 attempts");
    assertThat(bedrock.requestCount()).isEqualTo(3);
    assertThat(sleeper.waits()).hasSize(waitsBefore + 2);
    assertThat(context.allLogs())
        .contains("throttled")
        .contains("429")
        .doesNotContain("Serverless GenAI");
  }

  @Test
  void handleRequest_throttledOnce_retriesAndAnswers200() throws IOException {
    bedrock.enqueue(Fault.throttling());

    APIGatewayV2HTTPResponse response =
        handler.handleRequest(event("http-api-v2.json"), new TestContext("t1"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(bedrock.requestCount()).isEqualTo(2);
  }

  @Test
  void handleRequest_accessDenied_answers502WithoutStackTrace() throws IOException {
    bedrock.enqueue(Fault.accessDenied());
    TestContext context = new TestContext("denied");

    APIGatewayV2HTTPResponse response = handler.handleRequest(event("http-api-v2.json"), context);

    assertThat(response.getStatusCode()).isEqualTo(502);
    JsonNode body = body(response);
    assertThat(body.get("error").asText()).isEqualTo("BadGateway");
    assertThat(body.get("message").asText()).contains("403").contains("AccessDenied");
    assertThat(response.getBody())
        .doesNotContain("\tat ")
        .doesNotContain("java.")
        .doesNotContain("dev.genaiaws");
    assertThat(bedrock.requestCount()).isEqualTo(1);
    assertThat(context.allLogs())
        .contains("denied")
        .contains("502")
        .doesNotContain("Serverless GenAI");
  }

  @Test
  void handleRequest_internalServerErrorOnEveryAttempt_answers502() throws IOException {
    bedrock
        .enqueue(Fault.internalServer())
        .enqueue(Fault.internalServer())
        .enqueue(Fault.internalServer());

    APIGatewayV2HTTPResponse response =
        handler.handleRequest(event("http-api-v2.json"), new TestContext("500"));

    assertThat(response.getStatusCode()).isEqualTo(502);
    assertThat(body(response).get("message").asText()).contains("500");
    assertThat(bedrock.requestCount()).isEqualTo(3);
  }

  @Test
  void handleRequest_bucketMissing_answers502() throws IOException {
    try (BlogHandler noBucket = new BlogHandler(config("no-such-bucket"))) {
      TestContext context = new TestContext("nobucket");
      APIGatewayV2HTTPResponse response =
          noBucket.handleRequest(event("http-api-v2.json"), context);

      assertThat(response.getStatusCode()).isEqualTo(502);
      assertThat(body(response).get("message").asText()).contains("Saving the post failed");
      assertThat(context.allLogs()).contains("nobucket").doesNotContain("Serverless GenAI");
    }
  }

  @Test
  void streamHandler_restApiV1Event_answersProxyResponse() throws IOException {
    JsonNode response = invokeStream(resource("rest-api-v1.json"));

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(response.at("/headers/content-type").asText()).startsWith("application/json");
    String key = JSON.readTree(response.get("body").asText()).get("key").asText();
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String())
        .contains("Cold starts");
    assertThat(response.has("cookies")).isFalse();
  }

  @Test
  void streamHandler_httpApiV2Event_answers200() throws IOException {
    JsonNode response = invokeStream(resource("http-api-v2.json"));

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(JSON.readTree(response.get("body").asText()).get("key").asText())
        .startsWith("blogs/" + today());
  }

  @Test
  void streamHandler_directInvocation_takesEventAsBody() throws IOException {
    JsonNode response = invokeStream("{\"topic\": \"Direct invocation\"}");

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
  }

  @Test
  void streamHandler_oversizedTopicInV1Event_answers400() throws IOException {
    ObjectNode event = (ObjectNode) JSON.readTree(resource("rest-api-v1.json"));
    event.put("body", "{\"topic\":\"" + "x".repeat(501) + "\"}");

    JsonNode response = invokeStream(JSON.writeValueAsString(event));

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(response.get("body").asText()).contains("at most 500");
  }

  @Test
  void streamHandler_eventNotJson_answers400() throws IOException {
    JsonNode response = invokeStream("{{{");

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
  }

  @Test
  void payloadFormat_capturedEvents_areRecognised() throws IOException {
    assertThat(BlogStreamHandler.payloadFormat(JSON.readTree(resource("http-api-v2.json"))))
        .isEqualTo("2.0");
    assertThat(BlogStreamHandler.payloadFormat(JSON.readTree(resource("rest-api-v1.json"))))
        .isEqualTo("1.0");
    assertThat(BlogStreamHandler.payloadFormat(JSON.readTree("{\"topic\":\"x\"}")))
        .isEqualTo("direct");
  }

  @Test
  void prime_withBucket_runsToTheEndSendsNothingAndLeavesTheHandlerWorking() throws IOException {
    assertThat(handler.prime()).isTrue();

    assertThat(bedrock.requestCount()).isZero();
    assertThat(
            handler
                .handleRequest(event("http-api-v2.json"), new TestContext("after-prime"))
                .getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void construction_storeBuiltBesideTheBedrockClient_itsFailureIsThrownAsItIs(@TempDir Path dir) {
    // the store is built on a thread of its own during init: a bad setting still fails the
    // constructor with the
    // store's own exception, not a wrapper
    Map<String, String> env = new HashMap<>();
    env.put("BLOG_DIR", dir.toString());
    env.put("BLOG_PREFIX", "/blogs");
    env.put("BLOG_BEDROCK_ENDPOINT", bedrock.endpoint().toString());
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    assertThatThrownBy(() -> new BlogHandler(env))
        .isInstanceOf(InvalidStorageKeyException.class)
        .hasMessageContaining("/blogs");
  }

  @Test
  void prime_withFolderStore_runsToTheEndAndLeavesNoFiles(@TempDir Path dir) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("BLOG_DIR", dir.toString());
    env.put("BLOG_BEDROCK_ENDPOINT", bedrock.endpoint().toString());
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    try (BlogHandler local = new BlogHandler(env)) {
      assertThat(local.prime()).isTrue();
      assertThat(bedrock.requestCount()).isZero();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).isEmpty();
      }
      assertThat(
              local
                  .handleRequest(event("http-api-v2.json"), new TestContext("folder"))
                  .getStatusCode())
          .isEqualTo(200);
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(
                files.filter(
                    p ->
                        p.toString().endsWith(".json")
                            && !p.getFileName().toString().startsWith(".")))
            .hasSize(1);
      }
    }
  }

  static JsonNode invokeStream(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    streamHandler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        new TestContext("stream"));
    return JSON.readTree(out.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "DELETE", "PUT", "PATCH"})
  void handleRequest_methodOtherThanPost_405WithoutCallingTheModel_loggedLikeEveryRefusal(
      String method) throws IOException {
    APIGatewayV2HTTPEvent event = event("http-api-v2.json");
    event.getRequestContext().getHttp().setMethod(method);
    TestContext context = new TestContext("req-" + method);

    APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);

    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(response.getHeaders()).containsEntry("allow", "POST, OPTIONS");
    assertThat(body(response).get("error").asText()).isEqualTo("MethodNotAllowed");
    assertThat(bedrock.requestCount()).isZero();
    assertThat(context.logged())
        .singleElement()
        .asString()
        .startsWith("request req-" + method + ": 405 MethodNotAllowed: ");
  }

  @Test
  void handleRequest_refusals_allLoggedTheSameWay() throws IOException {
    TestContext context = new TestContext("req-bad");

    handler.handleRequest(withBody("{\"topic\": \"\"}"), context);
    handler.handleRequest(null, context);

    assertThat(context.logged())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("request req-bad: 400 BadRequest: "));
  }

  @Test
  void handleRequest_options_corsPreflightWithoutCallingTheModel() throws IOException {
    APIGatewayV2HTTPEvent event = event("http-api-v2.json");
    event.getRequestContext().getHttp().setMethod("OPTIONS");

    APIGatewayV2HTTPResponse response =
        handler.handleRequest(event, new TestContext("req-options"));

    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(response.getHeaders())
        .containsEntry("access-control-allow-methods", "POST, OPTIONS");
    assertThat(bedrock.requestCount()).isZero();
  }

  @Test
  void streamHandler_restApiGet_405() throws IOException {
    ObjectNode event = (ObjectNode) JSON.readTree(resource("rest-api-v1.json"));
    event.put("httpMethod", "GET");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    streamHandler.handleRequest(
        new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
        out,
        new TestContext("req-v1-get"));

    JsonNode response = JSON.readTree(out.toByteArray());
    assertThat(response.get("statusCode").asInt()).isEqualTo(405);
    assertThat(response.at("/headers/allow").asText()).isEqualTo("POST, OPTIONS");
    assertThat(bedrock.requestCount()).isZero();
  }
}
