package dev.genaiaws.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.exception.GenAiClientException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hides the machine's AWS configuration for a test class, so that the SDK's region and credentials
 * chains find nothing: profile files point nowhere, instance metadata is off, and the {@code aws.*}
 * system properties are cleared (restored afterwards). With it, the assertions that every call
 * style fails with a {@link GenAiClientException} that says what to do:
 *
 * <pre>{@code
 * @RegisterExtension static final MissingAwsConfiguration NO_AWS = new MissingAwsConfiguration();
 *
 * try (GenerationClient client = builderWithoutRegion().build()) {
 *   MissingAwsConfiguration.assertSaysToConfigure(
 *       MissingAwsConfiguration.failures(client, request), "no AWS region", "AWS_REGION");
 * }
 * }</pre>
 *
 * Environment variables cannot be hidden from inside the JVM: the build runs without them.
 */
public final class MissingAwsConfiguration implements BeforeAllCallback, AfterAllCallback {
  private static final String[] PROPERTIES = {
    "aws.region",
    "aws.configFile",
    "aws.sharedCredentialsFile",
    "aws.disableEc2Metadata",
    "aws.accessKeyId",
    "aws.secretAccessKey",
    "aws.sessionToken"
  };
  private final Map<String, @Nullable String> saved = new HashMap<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    for (String p : PROPERTIES) {
      saved.put(p, System.getProperty(p));
      System.clearProperty(p);
    }
    System.setProperty("aws.configFile", "/nonexistent/genai-aws/config");
    System.setProperty("aws.sharedCredentialsFile", "/nonexistent/genai-aws/credentials");
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    saved.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
    saved.clear();
  }

  /**
   * The failures of the three call styles ({@code generate}, {@code generateAsync}, {@code
   * stream}).
   */
  public static Map<String, Throwable> failures(
      GenerationClient client, GenerationRequest request) {
    Map<String, Throwable> out = new LinkedHashMap<>();
    out.put("generate", failure(() -> client.generate(request)));
    out.put("generateAsync", failure(() -> client.generateAsync(request).join()));
    out.put(
        "stream",
        failure(
            () -> {
              try (GenerationStream s = client.stream(request)) {
                for (GenerationEvent ignored : s) {
                  // drain
                }
              }
              return null;
            }));
    return out;
  }

  /** What {@code call} throws, a {@link CompletionException} unwrapped; fails if it returns. */
  public static Throwable failure(Supplier<?> call) {
    Throwable t = catchThrowable(call::get);
    assertThat(t).as("the call should have failed").isNotNull();
    return t instanceof CompletionException c && c.getCause() != null ? c.getCause() : t;
  }

  /**
   * Asserts every failure is a {@link GenAiClientException} whose message names the problem ({@code
   * what}) and the fix ({@code how}).
   */
  public static void assertSaysToConfigure(
      Map<String, Throwable> failures, String what, String how) {
    assertThat(failures)
        .isNotEmpty()
        .allSatisfy(
            (style, t) ->
                assertThat(t)
                    .as(style)
                    .isInstanceOf(GenAiClientException.class)
                    .hasMessageContaining(what)
                    .hasMessageContaining(how));
  }
}
