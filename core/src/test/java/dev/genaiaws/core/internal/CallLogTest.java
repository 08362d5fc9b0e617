package dev.genaiaws.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.internal.Fakes.ScriptedTransport;
import dev.genaiaws.core.testing.RecordingSleeper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The one DEBUG line per call: what it says, what it never says, and the request id in the MDC. */
class CallLogTest {
  private static final String SECRET_PROMPT = "my secret prompt 4711";

  /** Captures the MDC when the line is written (logback reads it lazily otherwise). */
  private final ListAppender<ILoggingEvent> lines =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
          e.prepareForDeferredProcessing();
          super.append(e);
        }
      };

  private final Logger calls = (Logger) LoggerFactory.getLogger(Listeners.CALL_LOGGER);
  private final ScriptedTransport transport = new ScriptedTransport();
  private final List<String> mdcSeenByListener = new ArrayList<>();

  @BeforeEach
  void capture() {
    lines.start();
    calls.addAppender(lines);
    calls.setLevel(Level.DEBUG);
  }

  @AfterEach
  void release() {
    calls.detachAppender(lines);
  }

  private GenerationRuntime runtime() {
    GenerationListener l =
        new GenerationListener() {
          @Override
          public void onResponse(CallInfo call, GenerationResponse response) {
            mdcSeenByListener.add(MDC.get(Listeners.MDC_REQUEST_ID));
          }
        };
    CodecRegistry<ModelCodec> codecs =
        CodecRegistry.<ModelCodec>builder().register(new Fakes.TextCodec(), "test.").build();
    return new GenerationRuntime(
        new GenerationRuntime.Settings(
            "test",
            codecs,
            null,
            InferenceConfig.empty(),
            UnsupportedParameterPolicy.FAIL,
            new RecordingSleeper().policy(1),
            List.of(l),
            null),
        transport);
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder().modelId("test.model-v1").user(SECRET_PROMPT).build();
  }

  @Test
  void success_oneDebugLineWithModelTokensAttemptsAndRequestId_noContent() {
    transport.then(ScriptedTransport.ok("secret answer 0815"));

    runtime().generate(request());

    assertThat(lines.list).hasSize(1);
    ILoggingEvent e = lines.list.get(0);
    assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(e.getFormattedMessage())
        .startsWith("call ok provider=test operation=generate model=test.model-v1")
        .contains(
            "attempts=1", "latency_ms=5", "input_tokens=11", "output_tokens=22", "request_id=req-1")
        .doesNotContain("4711")
        .doesNotContain("0815");
    assertThat(e.getMDCPropertyMap()).containsEntry(Listeners.MDC_REQUEST_ID, "req-1");
    assertThat(mdcSeenByListener).containsExactly("req-1");
    assertThat(MDC.get(Listeners.MDC_REQUEST_ID)).isNull();
  }

  @Test
  void failure_oneDebugLineWithErrorTypeAndRequestId() {
    transport.then(
        new ValidationException(
            "bad input near 'my secret prompt 4711'",
            new ServiceErrorDetails(400, "ValidationException", "req-9", "test"),
            null));

    assertThatThrownBy(() -> runtime().generate(request())).isInstanceOf(ValidationException.class);

    assertThat(lines.list).hasSize(1);
    assertThat(lines.list.get(0).getFormattedMessage())
        .startsWith("call failed")
        .contains("error=ValidationException", "retryable=false", "request_id=req-9")
        .doesNotContain("4711");
    assertThat(lines.list.get(0).getMDCPropertyMap())
        .containsEntry(Listeners.MDC_REQUEST_ID, "req-9");
  }

  @Test
  void debugOff_nothingWritten() {
    calls.setLevel(Level.INFO);
    transport.then(ScriptedTransport.ok("x"));
    runtime().generate(request());
    assertThat(lines.list).isEmpty();
  }
}
