package dev.genaiaws.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.knowledgebases.Answer;
import dev.genaiaws.knowledgebases.AnswerRequest;
import dev.genaiaws.knowledgebases.AnswerStream;
import dev.genaiaws.knowledgebases.KnowledgeBaseClient;
import dev.genaiaws.knowledgebases.RetrievalPage;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One span per knowledge-base call, through the real client against the knowledge-base emulator.
 */
class KnowledgeBaseTelemetryTest {
  private static final String KB = "KB12345678";
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  @TempDir static Path folder;
  static KnowledgeBaseEmulator emulator;

  private GenAiTelemetry telemetry;
  private KnowledgeBaseClient kb;

  @BeforeAll
  static void start() {
    emulator =
        KnowledgeBaseEmulator.builder()
            .knowledgeBase(KB, "DS12345678", "docs")
            .bucketFolder("docs", folder)
            .start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void setUp() {
    emulator.reset();
    telemetry = GenAiTelemetry.create(OTEL.getOpenTelemetry());
    kb =
        KnowledgeBaseClient.builder()
            .knowledgeBaseId(KB)
            .defaultModelId(MODEL)
            .endpointOverride(emulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .retryPolicy(new RecordingSleeper().policy(3))
            .listener(telemetry)
            .build();
  }

  @AfterEach
  void tearDown() {
    kb.close();
  }

  private static SpanData onlySpan() {
    List<SpanData> spans = OTEL.getSpans();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static String str(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  @Test
  void retrieve_isOneRetrievalSpanNamedAfterTheKnowledgeBase() {
    RetrievalPage page = kb.retrieve("pump noise");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("retrieval " + KB);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(str(span, "gen_ai.operation.name")).isEqualTo("retrieval");
    assertThat(str(span, "gen_ai.provider.name")).isEqualTo("aws.bedrock");
    assertThat(str(span, "gen_ai.request.model")).isEqualTo(KB);
    assertThat(str(span, "gen_ai.output.type")).isNull();
    assertThat(str(span, "aws.request_id")).isNotBlank().isEqualTo(page.requestId());
    assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    assertThat(telemetry.openSpans()).isZero();
  }

  @Test
  void answer_isOneChatSpanNamedAfterTheModel() {
    Answer answer = kb.answer("How loud is the Borealis pump?");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("chat " + MODEL);
    assertThat(str(span, "gen_ai.operation.name")).isEqualTo("chat");
    assertThat(str(span, "gen_ai.request.model")).isEqualTo(MODEL);
    assertThat(str(span, "gen_ai.output.type")).isEqualTo("text");
    assertThat(str(span, "aws.request_id")).isNotBlank().isEqualTo(answer.requestId());
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.client.attempts")))
        .isEqualTo(1L);
  }

  @Test
  void streamedAnswer_isOneSpan_withFirstChunkEvent_andARetryBeforeTheFirstEvent() {
    emulator.enqueue(KB, Fault.throttling());
    Answer answer;
    try (AnswerStream stream =
        kb.answerStream(AnswerRequest.of("What colour does the Cirrus lamp glow?"))) {
      answer = stream.answer();
    }

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("chat " + MODEL);
    assertThat(span.getEvents())
        .extracting(EventData::getName)
        .containsExactly("gen_ai.client.retry", "gen_ai.client.attempt", "gen_ai.first_chunk");
    assertThat(str(span, "aws.request_id")).isEqualTo(answer.requestId());
    assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    assertThat(telemetry.openSpans()).isZero();
  }

  @Test
  void failedCall_endsItsSpanWithTheErrorType() {
    emulator.enqueue(KB, Fault.accessDenied());

    assertThatThrownBy(() -> kb.answer("How loud is the Borealis pump?"))
        .isInstanceOf(AccessDeniedException.class);

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("chat " + MODEL);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(str(span, "error.type")).isEqualTo("AccessDeniedException");
    assertThat(telemetry.openSpans()).isZero();
  }
}
