package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.bedrock.ModelCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * The emulator is as permissive as the service: every real request body in {@code
 * src/test/resources/captures/<family>/} (other projects' recorded cassettes and AWS documentation
 * examples, each listed with its source in the folder's {@code SOURCE.md}) is replayed through the
 * real AWS SDK clients and must be accepted with a well-formed answer of its family; mutated
 * variants of those bodies must be refused as the service refuses them.
 */
class CapturedBodiesTest {
  /** The corpus folders; each must list at least one capture in its SOURCE.md. */
  static final List<String> FAMILIES =
      List.of(
          "titan-text",
          "titan-embed-v1",
          "titan-embed-v2",
          "titan-image",
          "nova-canvas",
          "nova",
          "claude-text",
          "claude-messages",
          "llama",
          "mistral-text",
          "cohere-command",
          "cohere-command-r",
          "cohere-embed",
          "ai21-j2",
          "stability-sdxl",
          "stability-sd3",
          "converse",
          "sagemaker-tgi",
          "sagemaker-embedding");

  /** A row of a SOURCE.md table: {@code | `file` | `model` | operation | source |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| ([a-z-]+) \\|");

  record Capture(String family, String file, String model, String operation) {
    JsonNode body() {
      return Clients.json(bytes());
    }

    byte[] bytes() {
      try {
        return Files.readAllBytes(folder(family).resolve(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return family + "/" + file + " (" + operation + " " + model + ")";
    }
  }

  static final List<Capture> CAPTURES = load();

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  @RegisterExtension
  static final SageMakerEmulatorExtension SAGEMAKER =
      new SageMakerEmulatorExtension(sageMakerEndpoints());

  static BedrockRuntimeClient bedrock;
  static BedrockRuntimeAsyncClient bedrockAsync;
  static SageMakerRuntimeClient sageMaker;
  static final RawBody RAW = new RawBody();

  @BeforeAll
  static void clients() {
    bedrock =
        BedrockRuntimeClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(Clients.CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(RAW))
            .build();
    bedrockAsync =
        BedrockRuntimeAsyncClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(Clients.CREDENTIALS)
            .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build())
            .overrideConfiguration(
                o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(RAW))
            .build();
    sageMaker = Clients.sageMaker(SAGEMAKER.endpoint());
  }

  @AfterAll
  static void close() {
    bedrock.close();
    bedrockAsync.close();
    sageMaker.close();
  }

  static Path folder(String family) {
    URL root = CapturedBodiesTest.class.getResource("/captures/" + family);
    if (root == null) {
      throw new AssertionError("no corpus folder captures/" + family);
    }
    try {
      return Path.of(root.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Capture> load() {
    List<Capture> all = new ArrayList<>();
    for (String family : FAMILIES) {
      try {
        for (String line :
            Files.readAllLines(folder(family).resolve("SOURCE.md"), StandardCharsets.UTF_8)) {
          Matcher m = ROW.matcher(line);
          if (m.find()) {
            all.add(new Capture(family, m.group(1), m.group(2), m.group(3)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(all);
  }

  static SageMakerEmulator.Builder sageMakerEndpoints() {
    SageMakerEmulator.Builder b = SageMakerEmulator.builder();
    Map<String, SageMakerEmulator.Container> containers =
        Map.of(
            "sagemaker-tgi",
            SageMakerEmulator.Container.TGI,
            "sagemaker-lmi",
            SageMakerEmulator.Container.LMI,
            "sagemaker-embedding",
            SageMakerEmulator.Container.EMBEDDING);
    for (Capture c : CAPTURES) {
      if (containers.containsKey(c.family())) {
        b.endpoint(c.model(), containers.get(c.family()));
      }
    }
    return b;
  }

  static Stream<Capture> captures() {
    return CAPTURES.stream();
  }

  @Test
  void everyFamilyHasCaptures_andEveryFileIsListed() throws IOException {
    for (String family : FAMILIES) {
      List<String> listed =
          CAPTURES.stream().filter(c -> c.family().equals(family)).map(Capture::file).toList();
      assertThat(listed).as("captures listed in captures/%s/SOURCE.md", family).isNotEmpty();
      try (Stream<Path> files = Files.list(folder(family))) {
        List<String> present =
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
        assertThat(listed).as("files listed in captures/%s/SOURCE.md", family).containsAll(present);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void capturedBody_isAccepted_withAnAnswerOfItsFamily(Capture c) {
    if (c.family().startsWith("sagemaker-")) {
      JsonNode answer = Clients.json(invokeEndpoint(c.model(), c.bytes()).body().asByteArray());
      assertSageMakerAnswer(c.family(), answer);
      return;
    }
    if (!c.operation().startsWith("converse")) {
      String id = new ModelCatalog().resolve(c.model()).orElseThrow();
      assertThat(new ModelCatalog().family(id, c.body()).name())
          .as("emulator family of %s", c)
          .isEqualTo(c.family());
    }
    switch (c.operation()) {
      case "invoke" -> {
        InvokeModelResponse r =
            Clients.invoke(bedrock, c.model(), new String(c.bytes(), StandardCharsets.UTF_8));
        assertInvokeAnswer(c.family(), Clients.json(r.body().asByteArray()));
      }
      case "invoke-stream" -> {
        Clients.StreamResult r =
            Clients.stream(bedrockAsync, c.model(), new String(c.bytes(), StandardCharsets.UTF_8));
        assertThat(r.error()).as("stream error").isNull();
        assertThat(r.chunks()).isNotEmpty();
        assertThat(r.chunks().get(r.chunks().size() - 1).has("amazon-bedrock-invocationMetrics"))
            .isTrue();
      }
      case "converse" -> {
        ConverseResponse r = RAW.with(c.bytes(), () -> bedrock.converse(placeholder(c.model())));
        assertThat(r.stopReason()).isNotNull();
        assertThat(r.output().message().content()).isNotEmpty();
        assertThat(r.usage().inputTokens()).isPositive();
      }
      case "converse-stream" -> {
        List<String> events = new ArrayList<>();
        ConverseStreamResponseHandler handler =
            ConverseStreamResponseHandler.builder()
                .subscriber(e -> events.add(e.sdkEventType().toString()))
                .build();
        Throwable error =
            RAW.with(
                c.bytes(),
                () ->
                    Clients.await(
                        bedrockAsync.converseStream(
                            ConverseStreamRequest.builder()
                                .modelId(c.model())
                                .messages(placeholder(c.model()).messages())
                                .build(),
                            handler)));
        assertThat(error).as("stream error").isNull();
        assertThat(events).startsWith("messageStart").contains("messageStop").endsWith("metadata");
      }
      default -> throw new AssertionError("unknown operation " + c.operation() + " in " + c);
    }
  }

  /**
   * Enough of an answer to tell the family's shape is right (the emulator's own tests check the
   * rest).
   */
  static void assertInvokeAnswer(String family, JsonNode a) {
    String pointer =
        switch (family) {
          case "titan-text" -> "/results/0/outputText";
          case "titan-embed-v1", "titan-embed-v2" -> "/embedding/0";
          case "titan-image", "nova-canvas" -> "/images/0";
          case "nova" -> "/output/message/content/0";
          case "claude-text" -> "/completion";
          case "claude-messages" -> "/content/0/type";
          case "llama" -> "/generation";
          case "mistral-text" -> "/outputs/0/text";
          case "mistral-chat" -> "/choices/0/message";
          case "cohere-command" -> "/generations/0/text";
          case "cohere-command-r" -> "/text";
          case "cohere-embed" -> "/embeddings";
          case "ai21-j2" -> "/completions/0/data/text";
          case "ai21-jamba" -> "/choices/0/message/content";
          case "stability-sdxl" -> "/artifacts/0/base64";
          case "stability-sd3" -> "/images/0";
          default -> throw new AssertionError("no answer shape for " + family);
        };
    assertThat(a.at(pointer).isMissingNode())
        .as("%s answer has %s: %s", family, pointer, a)
        .isFalse();
  }

  static void assertSageMakerAnswer(String family, JsonNode a) {
    switch (family) {
      case "sagemaker-tgi" ->
          assertThat(a.at("/0/generated_text").isTextual()).as("TGI answer %s", a).isTrue();
      case "sagemaker-lmi" ->
          assertThat(a.at("/generated_text").isTextual()).as("LMI answer %s", a).isTrue();
      case "sagemaker-embedding" ->
          assertThat(a.isArray() || a.has("embedding")).as("embedding %s", a).isTrue();
      default -> throw new AssertionError("no answer shape for " + family);
    }
  }

  static InvokeEndpointResponse invokeEndpoint(String endpoint, byte[] body) {
    return sageMaker.invokeEndpoint(
        InvokeEndpointRequest.builder()
            .endpointName(endpoint)
            .contentType("application/json")
            .accept("application/json")
            .body(SdkBytes.fromByteArray(body))
            .build());
  }

  /** A request the interceptor replaces with the captured JSON before signing. */
  static ConverseRequest placeholder(String modelId) {
    return ConverseRequest.builder()
        .modelId(modelId)
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText("placeholder"))
                .build())
        .build();
  }

  // ---------------------------------------------------------------- mutated variants the service
  // refuses

  /**
   * A capture changed in one place, and the fragment of the 400 ValidationException message the
   * service gives for it.
   */
  record Mutation(String capture, String what, String pointer, String value, String expected) {
    @Override
    public String toString() {
      return capture + ": " + what;
    }
  }

  /** The value that means "remove the node" in a mutation. */
  static final String REMOVE = "<remove>";

  static Stream<Mutation> mutations() {
    return Stream.of(
        // Titan Text (documented: inputText required; temperature/topP 0..1; maxTokenCount per
        // model)
        new Mutation(
            "titan-text/otel-titan-lite.json",
            "missing inputText",
            "/inputText",
            REMOVE,
            "required key [inputText] not found"),
        new Mutation(
            "titan-text/otel-titan-lite.json",
            "maxTokenCount as a string",
            "/textGenerationConfig/maxTokenCount",
            "\"10\"",
            "expected type: Integer, found: String"),
        new Mutation(
            "titan-text/otel-titan-lite.json",
            "temperature above 1",
            "/textGenerationConfig/temperature",
            "1.5",
            "#/textGenerationConfig/temperature: 1.5 is not less or equal to 1"),
        new Mutation(
            "titan-text/openllmetry-titan-completion.json",
            "unknown top-level key",
            "/maxTokens",
            "5",
            "extraneous key [maxTokens] is not permitted"),
        // Titan Embeddings
        new Mutation(
            "titan-embed-v1/ddtrace-amazon-embedding.json",
            "missing inputText",
            "/inputText",
            REMOVE,
            "required key [inputText] not found"),
        new Mutation(
            "titan-embed-v1/ddtrace-amazon-embedding.json",
            "v2 field on v1",
            "/dimensions",
            "256",
            "extraneous key [dimensions] is not permitted"),
        new Mutation(
            "titan-embed-v2/pydantic-titan-v2-dimensions.json",
            "dimensions not offered",
            "/dimensions",
            "300",
            "dimensions"),
        new Mutation(
            "titan-embed-v2/pydantic-titan-v2-minimal.json",
            "normalize as a string",
            "/normalize",
            "\"yes\"",
            "#/normalize: expected type: Boolean, found: String"),
        // Nova (messages-v1)
        new Mutation(
            "nova/otel-nova-max-new-tokens.json",
            "missing messages",
            "/messages",
            REMOVE,
            "messages"),
        new Mutation(
            "nova/otel-nova-max-new-tokens.json",
            "temperature as a string",
            "/inferenceConfig/temperature",
            "\"hot\"",
            "temperature"),
        new Mutation(
            "nova/openllmetry-nova-completion.json",
            "assistant first",
            "/messages/0/role",
            "\"assistant\"",
            "user"),
        // Claude Text Completions
        new Mutation(
            "claude-text/ddtrace-claude-instant.json",
            "missing max_tokens_to_sample",
            "/max_tokens_to_sample",
            REMOVE,
            "required key [max_tokens_to_sample] not found"),
        new Mutation(
            "claude-text/ddtrace-claude-instant.json",
            "top_k as a string",
            "/top_k",
            "\"many\"",
            "#/top_k: expected type: Integer, found: String"),
        new Mutation(
            "claude-text/ddtrace-claude-instant.json",
            "temperature above 1",
            "/temperature",
            "1.5",
            "#/temperature: 1.5 is not less or equal to 1"),
        // Claude Messages
        new Mutation(
            "claude-messages/ddtrace-message.json",
            "missing anthropic_version",
            "/anthropic_version",
            REMOVE,
            "required key [anthropic_version] not found"),
        new Mutation(
            "claude-messages/ddtrace-message.json",
            "max_tokens as a string",
            "/max_tokens",
            "\"50\"",
            "#/max_tokens: expected type: Integer, found: String"),
        new Mutation(
            "claude-messages/openllmetry-cache-control.json",
            "top_k above 500",
            "/top_k",
            "501",
            "#/top_k: 501 is not less or equal to 500"),
        new Mutation(
            "claude-messages/ddtrace-message.json",
            "unknown top-level key (the Anthropic API's model)",
            "/model",
            "\"claude-3-sonnet\"",
            "extraneous key [model] is not permitted"),
        new Mutation(
            "claude-messages/otel-tools-2.json",
            "tool_result without its tool_use",
            "/messages/1/content/1/id",
            "\"toolu_bdrk_renamed\"",
            "tool_use_id"),
        // Llama
        new Mutation(
            "llama/ddtrace-llama2.json",
            "missing prompt",
            "/prompt",
            REMOVE,
            "required key [prompt] not found"),
        new Mutation(
            "llama/ddtrace-llama2.json",
            "max_gen_len as a string",
            "/max_gen_len",
            "\"60\"",
            "#/max_gen_len: expected type: Integer, found: String"),
        new Mutation(
            "llama/ddtrace-llama2.json",
            "max_gen_len above 2048",
            "/max_gen_len",
            "4096",
            "#/max_gen_len: 4096 is not less or equal to 2048"),
        new Mutation(
            "llama/otel-llama3-1.json",
            "unknown top-level key",
            "/max_tokens",
            "10",
            "extraneous key [max_tokens] is not permitted"),
        // Mistral text
        new Mutation(
            "mistral-text/otel-mistral-7b.json",
            "missing prompt",
            "/prompt",
            REMOVE,
            "required key [prompt] not found"),
        new Mutation(
            "mistral-text/otel-mistral-7b.json",
            "top_p above 1",
            "/top_p",
            "1.5",
            "#/top_p: 1.5 is not less or equal to 1"),
        new Mutation(
            "mistral-text/otel-mistral-7b.json",
            "stop as a string",
            "/stop",
            "\"|\"",
            "#/stop: expected type: JSONArray, found: String"),
        // Cohere Command
        new Mutation(
            "cohere-command/otel-command-light.json",
            "missing prompt",
            "/prompt",
            REMOVE,
            "required key [prompt] not found"),
        new Mutation(
            "cohere-command/ddtrace-single.json",
            "k above 500",
            "/k",
            "501",
            "#/k: 501 is not less or equal to 500"),
        new Mutation(
            "cohere-command/ddtrace-single.json",
            "stream true on InvokeModel",
            "/stream",
            "true",
            "only supported on InvokeModelWithResponseStream"),
        new Mutation(
            "cohere-command/openllmetry-command.json",
            "unknown top-level key",
            "/top_p",
            "0.5",
            "extraneous key [top_p] is not permitted"),
        // Cohere Command R
        new Mutation(
            "cohere-command-r/otel-command-r.json",
            "missing message",
            "/message",
            REMOVE,
            "required key [message] not found"),
        new Mutation(
            "cohere-command-r/otel-command-r.json",
            "p above 0.99",
            "/p",
            "1.5",
            "#/p: 1.5 is not less or equal to"),
        new Mutation(
            "cohere-command-r/otel-command-r.json",
            "max_tokens as a string",
            "/max_tokens",
            "\"10\"",
            "#/max_tokens: expected type: Integer, found: String"),
        // Cohere Embed
        new Mutation(
            "cohere-embed/ddtrace-embed-v3.json",
            "missing input_type",
            "/input_type",
            REMOVE,
            "input_type"),
        new Mutation(
            "cohere-embed/ddtrace-embed-v3.json",
            "texts as a string",
            "/texts",
            "\"Hello World!\"",
            "texts"),
        new Mutation(
            "cohere-embed/pydantic-v3-truncate-end.json",
            "truncate not offered",
            "/truncate",
            "\"MIDDLE\"",
            "truncate"),
        // Titan Image Generator / Nova Canvas (documented: taskType required, 1 to 5 images,
        // cfgScale 1.1 to 10)
        new Mutation(
            "titan-image/awsdocs-python-titan-image-v2.json",
            "missing taskType",
            "/taskType",
            REMOVE,
            "required key [taskType] not found"),
        new Mutation(
            "titan-image/awsdocs-python-titan-image-v2.json",
            "six images",
            "/imageGenerationConfig/numberOfImages",
            "6",
            "#/imageGenerationConfig/numberOfImages: 6 is not less or equal to 5"),
        new Mutation(
            "titan-image/awsdocs-python-titan-image-v2.json",
            "cfgScale as a string",
            "/imageGenerationConfig/cfgScale",
            "\"8\"",
            "#/imageGenerationConfig/cfgScale: expected type"),
        new Mutation(
            "nova-canvas/awsdocs-python-nova-canvas.json",
            "missing prompt text",
            "/textToImageParams/text",
            REMOVE,
            "required key [text] not found"),
        new Mutation(
            "nova-canvas/awsdocs-python-nova-canvas.json",
            "quality not offered",
            "/imageGenerationConfig/quality",
            "\"ultra\"",
            "ultra is not a valid enum value"),
        // Stability SDXL (documented: text_prompts required, cfg_scale 0 to 35, steps 10 to 150)
        new Mutation(
            "stability-sdxl/awsdocs-python-sdxl.json",
            "missing text_prompts",
            "/text_prompts",
            REMOVE,
            "required key [text_prompts] not found"),
        new Mutation(
            "stability-sdxl/awsdocs-python-sdxl.json",
            "cfg_scale above 35",
            "/cfg_scale",
            "40",
            "#/cfg_scale: 40 is not less or equal to 35"),
        new Mutation(
            "stability-sdxl/awsdocs-python-sdxl.json",
            "steps below 10",
            "/steps",
            "5",
            "#/steps: 5 is not greater or equal to 10"),
        // Stability Stable Image Core / SD3 / Ultra (documented: prompt required; aspect ratios and
        // formats listed)
        new Mutation(
            "stability-sd3/awsdocs-python-stable-image-core.json",
            "missing prompt",
            "/prompt",
            REMOVE,
            "required key [prompt] not found"),
        new Mutation(
            "stability-sd3/awsdocs-python-stable-image-core.json",
            "aspect ratio not offered",
            "/aspect_ratio",
            "\"2:1\"",
            "2:1 is not a valid enum value"),
        new Mutation(
            "stability-sd3/awsdocs-python-stable-image-core.json",
            "seed as a string",
            "/seed",
            "\"42\"",
            "#/seed: expected type: Integer, found: String"),
        // AI21 Jurassic-2
        new Mutation(
            "ai21-j2/ddtrace-j2-mid.json",
            "missing prompt",
            "/prompt",
            REMOVE,
            "required key [prompt] not found"),
        new Mutation(
            "ai21-j2/ddtrace-j2-mid.json",
            "maxTokens as a string",
            "/maxTokens",
            "\"10\"",
            "#/maxTokens: expected type: Integer, found: String"),
        new Mutation(
            "ai21-j2/ddtrace-j2-mid.json",
            "unknown top-level key",
            "/max_tokens",
            "10",
            "extraneous key [max_tokens] is not permitted"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void mutatedCapture_isRefusedAsTheServiceRefusesIt(Mutation m) {
    String family = m.capture().substring(0, m.capture().indexOf('/'));
    String file = m.capture().substring(m.capture().indexOf('/') + 1);
    Capture c =
        CAPTURES.stream()
            .filter(
                x ->
                    x.family().equals(family)
                        && x.file().equals(file)
                        && x.operation().equals("invoke"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no invoke row for " + m));
    JsonNode body = c.body().deepCopy();
    mutate(body, m.pointer(), m.value());
    String json = body.toString();
    assertThatThrownBy(() -> Clients.invoke(bedrock, c.model(), json))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).contains(m.expected());
            });
  }

  /** Converse: the API's own validation, on a captured Converse body. */
  static Stream<Arguments> converseMutations() {
    return Stream.of(
        Arguments.of("converse/otel-titan-lite.json", "/messages", REMOVE, "user message"),
        Arguments.of(
            "converse/otel-titan-lite.json", "/inferenceConfig/maxTokens", "0", "maxTokens"),
        Arguments.of(
            "converse/otel-titan-lite.json", "/inferenceConfig/temperature", "1.5", "temperature"),
        Arguments.of("converse/ddtrace-tools.json", "/messages/0/role", "\"assistant\"", "user"),
        Arguments.of(
            "converse/otel-nova-tool-result-json.json",
            "/messages/1/content/1/toolUse/toolUseId",
            "\"tooluse_renamed\"",
            "tool"));
  }

  @ParameterizedTest(name = "{0} {1} := {2}")
  @MethodSource("converseMutations")
  void mutatedConverseCapture_isRefused(
      String capture, String pointer, String value, String expected) {
    Capture c =
        CAPTURES.stream()
            .filter(x -> (x.family() + "/" + x.file()).equals(capture))
            .findFirst()
            .orElseThrow();
    JsonNode body = c.body().deepCopy();
    mutate(body, pointer, value);
    byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RAW.with(raw, () -> bedrock.converse(placeholder(c.model()))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).containsIgnoringCase(expected);
            });
  }

  /**
   * SageMaker containers refuse bad parameters themselves; SageMaker answers 424 ModelError with
   * their status.
   */
  static Stream<Arguments> containerMutations() {
    return Stream.of(
        Arguments.of(
            "sagemaker-tgi/openllmetry-llama2-tgi.json",
            "/inputs",
            REMOVE,
            422,
            "missing field `inputs`"),
        Arguments.of(
            "sagemaker-tgi/openllmetry-llama2-tgi.json",
            "/parameters/temperature",
            "0",
            422,
            "`temperature` must be strictly positive"),
        Arguments.of(
            "sagemaker-tgi/openllmetry-llama2-tgi.json",
            "/parameters/top_p",
            "1.0",
            422,
            "`top_p` must be > 0.0 and < 1.0"),
        Arguments.of(
            "sagemaker-tgi/openllmetry-llama2-tgi.json",
            "/parameters/max_new_tokens",
            "0",
            422,
            "`max_new_tokens` must be strictly positive"));
  }

  @ParameterizedTest(name = "{0} {1} := {2}")
  @MethodSource("containerMutations")
  void mutatedContainerCapture_isModelError(
      String capture, String pointer, String value, int status, String expected) {
    Capture c =
        CAPTURES.stream()
            .filter(x -> (x.family() + "/" + x.file()).equals(capture))
            .findFirst()
            .orElseThrow();
    JsonNode body = c.body().deepCopy();
    mutate(body, pointer, value);
    byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> invokeEndpoint(c.model(), raw))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(424);
              assertThat(e.originalStatusCode()).isEqualTo(status);
              assertThat(e.originalMessage()).contains(expected);
            });
  }

  /**
   * Removes ({@code value} is {@link #REMOVE}) or sets the node at {@code pointer} (the parent must
   * exist).
   */
  static void mutate(JsonNode root, String pointer, String value) {
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = root.at(p.head());
    String last = p.last().getMatchingProperty();
    if (parent instanceof ObjectNode o) {
      if (value.equals(REMOVE)) {
        assertThat(o.remove(last)).as("%s exists", pointer).isNotNull();
      } else {
        o.set(last, Clients.json(value));
      }
    } else if (parent instanceof ArrayNode a) {
      int i = p.last().getMatchingIndex();
      if (value.equals(REMOVE)) {
        a.remove(i);
      } else {
        a.set(i, Clients.json(value));
      }
    } else {
      throw new AssertionError("no parent for " + pointer);
    }
  }

  /**
   * Replaces the marshalled body of the next call with captured bytes, so a Converse capture goes
   * out exactly as recorded (the SDK still builds the URI, signs and parses the answer).
   */
  static final class RawBody implements ExecutionInterceptor {
    private static final byte[] NONE = new byte[0];
    private volatile byte[] next = NONE;

    <T> T with(byte[] body, java.util.function.Supplier<T> call) {
      next = body;
      try {
        return call.get();
      } finally {
        next = NONE;
      }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(
        Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      byte[] raw = next;
      if (raw.length == 0 || !isConverse(context)) {
        return context.httpRequest();
      }
      return context.httpRequest().toBuilder()
          .putHeader("Content-Length", String.valueOf(raw.length))
          .build();
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(
        Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      byte[] raw = next;
      return raw.length == 0 || !isConverse(context)
          ? context.requestBody()
          : Optional.of(RequestBody.fromBytes(raw));
    }

    @Override
    public Optional<AsyncRequestBody> modifyAsyncHttpContent(
        Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      byte[] raw = next;
      return raw.length == 0 || !isConverse(context)
          ? context.asyncRequestBody()
          : Optional.of(AsyncRequestBody.fromBytes(raw));
    }

    private static boolean isConverse(Context.ModifyHttpRequest context) {
      return context.request() instanceof ConverseRequest
          || context.request() instanceof ConverseStreamRequest;
    }
  }
}
