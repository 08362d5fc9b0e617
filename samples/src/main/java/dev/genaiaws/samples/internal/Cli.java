package dev.genaiaws.samples.internal;

import dev.genaiaws.bedrock.BedrockEmbeddingClient;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnknownModelException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import dev.genaiaws.storage.InvalidStorageKeyException;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What every sample's command line does the same way.
 *
 * <p><b>Offline.</b> Samples start a testkit emulator in-process and point the real client at it
 * with {@link #OFFLINE_REGION} and {@link #offlineCredentials()} (the emulator checks neither),
 * then print {@link #offlineNotice} on stderr so nobody mistakes the emulator's text for a model's.
 *
 * <p><b>Exit codes.</b> 0 done, 1 the model, the store or the files failed (one line on stderr, the
 * stack trace only with {@code --verbose}), 2 bad usage (picocli's parameter errors and requests
 * the SDK rejects before sending: unknown model, unsupported or invalid parameter).
 */
public final class Cli {
  /** The region the offline clients are built with; the emulators accept any. */
  public static final Region OFFLINE_REGION = Region.US_EAST_1;

  private Cli() {}

  /** Credentials for the emulators, which do not check signatures. */
  public static AwsCredentialsProvider offlineCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("offline", "offline"));
  }

  /**
   * The line a sample prints on stderr when it runs against an emulator, e.g. {@code
   * offlineNotice("text", "Bedrock", "Amazon Bedrock")}.
   *
   * @param what what the emulator produces ("text", "images", "vectors"; a plural ends in s)
   * @param emulator which emulator ("Bedrock", "SageMaker")
   * @param service what {@code --aws} calls instead ("Amazon Bedrock")
   */
  public static String offlineNotice(String what, String emulator, String service) {
    return "Offline: the "
        + what
        + " below "
        + (what.endsWith("s") ? "come" : "comes")
        + " from the local "
        + emulator
        + " emulator (genai-aws testkit),"
        + " not from a real model. Use --aws to call "
        + service
        + ".";
  }

  /**
   * A Bedrock client with the default retry policy: against the emulator when there is one, else
   * against Amazon Bedrock with the SDK's default chains (and {@code region} when not {@code
   * null}).
   */
  public static BedrockGenerationClient bedrockClient(BedrockEmulator emulator, String region) {
    BedrockGenerationClient.Builder b =
        BedrockGenerationClient.builder().retryPolicy(RetryPolicy.defaults());
    if (emulator != null) {
      return b.endpointOverride(emulator.endpoint())
          .region(OFFLINE_REGION)
          .credentialsProvider(offlineCredentials())
          .build();
    }
    if (region != null) {
      b.region(Region.of(region));
    }
    return b.build();
  }

  /** Like {@link #bedrockClient} for Bedrock's embedding models. */
  public static BedrockEmbeddingClient bedrockEmbeddingClient(
      BedrockEmulator emulator, String region) {
    BedrockEmbeddingClient.Builder b =
        BedrockEmbeddingClient.builder().retryPolicy(RetryPolicy.defaults());
    if (emulator != null) {
      return b.endpointOverride(emulator.endpoint())
          .region(OFFLINE_REGION)
          .credentialsProvider(offlineCredentials())
          .build();
    }
    if (region != null) {
      b.region(Region.of(region));
    }
    return b.build();
  }

  /** A print stream writing UTF-8, whatever the platform charset, flushing on every line. */
  public static PrintStream utf8(OutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  /** An exception's message on one line (its class name when it has none). */
  public static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Whether the SDK refused a request before sending it because of what the user asked for. */
  public static boolean isUsageError(Throwable e) {
    return e instanceof UnsupportedParameterException
        || e instanceof InvalidRequestException
        || e instanceof UnknownModelException
        || e instanceof CommandLine.ParameterException
        || e instanceof IllegalArgumentException
        || e instanceof InvalidStorageKeyException;
  }

  /**
   * Parses {@code args} into {@code command} and runs it: help and usage to {@code out}/{@code
   * err}, failures as one line {@code name: message} on {@code err} with exit code 1, or 2 for
   * {@link #isUsageError usage errors}.
   *
   * <p>Stack traces are printed when the command line has {@code -v}/{@code --verbose} ({@link
   * CommonOptions}).
   */
  public static int execute(
      Object command, String name, String[] args, PrintStream out, PrintStream err) {
    CommandLine cmd = new CommandLine(command);
    cmd.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println(name + ": " + oneLine(e));
          if (parseResult.hasMatchedOption("--verbose")) {
            e.printStackTrace(err);
          }
          return isUsageError(e) ? 2 : 1;
        });
    return cmd.execute(args);
  }

  /** A usage error for {@code command}, reported with exit code 2. */
  public static CommandLine.ParameterException usage(
      CommandLine.Model.CommandSpec spec, String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
