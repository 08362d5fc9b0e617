package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Issue #19: no credential, prompt or model output in any log line at INFO and above (all the
 * build's logging goes through slf4j-simple to the standard streams, which this test captures), in
 * any exception message or {@code toString()} (the whole cause chain), or in the {@code toString()}
 * of the values a caller or listener sees, while calls succeed and fail on every surface.
 */
class SecretsTest {
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final String ACCESS_KEY = "AKIDLEAKCHECK19";
  private static final String SECRET_KEY = "SeCrEtAcCeSsKeY-leak-check-19";
  private static final String PROMPT = "PROMPT-SECRET-4711 tell me about the moon";
  private static final String BAD_OUTPUT = "OUTPUT-SECRET-0815";

  private final List<Object> seen = new CopyOnWriteArrayList<>();

  @Test
  void callsThatSucceedAndFail_leaveNoSecretInLogsMessagesOrToString() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    PrintStream out = System.out;
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    String answer;
    System.setErr(tee);
    System.setOut(tee);
    try (BedrockEmulator bedrock = BedrockEmulator.start();
        BedrockGenerationClient client =
            BedrockGenerationClient.builder()
                .endpointOverride(bedrock.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .retryPolicy(
                    RetryPolicy.builder().maxAttempts(2).sleeper(new RecordingSleeper()).build())
                .listener(recorder())
                .listener(throwing())
                .build()) {
      GenerationRequest request =
          GenerationRequest.builder()
              .modelId(MODEL)
              .system("SYSTEM-SECRET-1234")
              .user(PROMPT)
              .build();
      GenerationResponse ok = client.generate(request);
      answer = ok.text();
      seen.add(ok);
      seen.add(client);
      try (GenerationStream s = client.stream(request)) {
        s.forEach(seen::add);
        seen.add(s);
      }
      seen.add(client.generateAsync(request).join());

      List<Runnable> failing =
          List.of(
              () ->
                  bedrock
                      .forModel(MODEL)
                      .enqueueResponse("{\"content\": \"" + BAD_OUTPUT + " " + PROMPT),
              () -> bedrock.forModel(MODEL).enqueueResponse("[\"" + BAD_OUTPUT + "\"]"),
              () -> bedrock.enqueue(Fault.validation("The input violated a constraint.")),
              () -> bedrock.enqueue(Fault.throttling()).enqueue(Fault.throttling()),
              () -> bedrock.enqueue(Fault.modelError(500, "model said " + BAD_OUTPUT)),
              () -> bedrock.enqueue(Fault.inStream(Fault.StreamError.MODEL_STREAM_ERROR, 2)),
              () -> bedrock.enqueue(Fault.dropConnection()).enqueue(Fault.dropConnection()));
      for (Runnable fault : failing) {
        fault.run();
        try {
          seen.add(client.generate(request));
        } catch (GenAiException e) {
          seen.add(e);
        }
        fault.run();
        try (GenerationStream s = client.stream(request)) {
          s.forEach(seen::add);
        } catch (GenAiException e) {
          seen.add(e);
        }
        fault.run();
        try {
          seen.add(client.generateAsync(request).join());
        } catch (CompletionException e) {
          seen.add(e.getCause());
        }
        bedrock.reset();
      }
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    System.out.println(
        "captured "
            + logs.lines().count()
            + " log lines, "
            + seen.size()
            + " values and exceptions");

    List<String> secrets =
        new ArrayList<>(
            List.of(
                ACCESS_KEY, SECRET_KEY, "PROMPT-SECRET-4711", "SYSTEM-SECRET-1234", BAD_OUTPUT));
    assertThat(answer).hasSizeGreaterThan(20);
    for (int i = 0; i + 20 <= answer.length(); i += 10) {
      secrets.add(answer.substring(i, i + 20)); // any 20 characters of the model's answer
    }
    assertThat(logs).as("log lines").doesNotContain(secrets);
    assertThat(seen).anyMatch(o -> o instanceof GenAiException);
    for (Object o : seen) {
      for (Throwable t = o instanceof Throwable th ? th : null; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage()))
            .as("message of " + t.getClass().getName())
            .doesNotContain(secrets);
        assertThat(t.toString()).doesNotContain(secrets);
      }
      if (!(o instanceof Throwable)) {
        assertThat(o.toString())
            .as("toString of " + o.getClass().getName())
            .doesNotContain(secrets);
      }
    }
    assertThat(seen)
        .filteredOn(o -> o instanceof GenAiException g && g.rawContent().isPresent())
        .as("the unreadable bodies stay reachable")
        .isNotEmpty();
  }

  private GenerationListener recorder() {
    return new GenerationListener() {
      @Override
      public void onRequest(CallInfo call) {
        seen.add(call);
      }

      @Override
      public void onResponse(CallInfo call, GenerationResponse response) {
        seen.add(response);
      }

      @Override
      public void onError(CallInfo call, GenAiException error) {
        seen.add(error);
      }
    };
  }

  /** A listener that fails: the runtime logs a warning, which must not quote the call either. */
  private static GenerationListener throwing() {
    return new GenerationListener() {
      @Override
      public void onResponse(CallInfo call, GenerationResponse response) {
        throw new IllegalStateException("listener bug");
      }
    };
  }
}
