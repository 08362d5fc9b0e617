package dev.genaiaws.samples.extract;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.ResponseFormat;
import dev.genaiaws.core.ToolChoice;
import dev.genaiaws.core.ToolConfig;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.StructuredOutputException;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Turns free text into a typed Java record: a meeting request read out of an e-mail.
 *
 * <pre>
 * java -jar genai-aws-samples.jar extract "Hi, can we meet Tuesday 2027-03-02 at 10:00 for 45 minutes about the Q1 budget and hiring? - Ana, Acme"
 * echo "..." | java -jar genai-aws-samples.jar extract --aws --method native --model us.anthropic.claude-sonnet-4-5-20250929-v1:0
 * </pre>
 *
 * <p>Two ways to get structured output, chosen with {@code --method}:
 *
 * <ul>
 *   <li>{@code tool} (default): a tool whose input schema is the record's, forced with {@code
 *       ToolChoice.tool}; the model's tool input is bound to the record ({@link
 *       ToolUseBlock#inputAs}). Works with every model that has tool use, and offline (the emulator
 *       fills the schema; {@code name=value} in the text sets a field).
 *   <li>{@code native}: a {@link ResponseFormat} derived from the record (Converse {@code
 *       outputConfig}), read back with {@link GenerationResponse#as}; needs a model with native
 *       structured output on Amazon Bedrock ({@code --aws}).
 * </ul>
 *
 * The record goes to stdout as JSON, one field per line. Exit codes: 0 done, 1 failure (also when
 * the answer does not fit the record), 2 bad usage.
 */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    version = "genai-aws extract sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Extracts a typed meeting request from free text (an argument, or stdin).",
      "Runs offline against the built-in Bedrock emulator unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failure", "2:bad usage"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ExtractSample extends SampleCommand {
  /** The model used unless {@code --model} says otherwise. */
  public static final String DEFAULT_MODEL_ID = "us.amazon.nova-lite-v1:0";

  /** How structured output is obtained. */
  public enum Method {
    TOOL,
    NATIVE
  }

  /**
   * What is extracted.
   *
   * @param requester who asks for the meeting
   * @param company their company, or {@code null}
   * @param date the day, {@code yyyy-MM-dd}
   * @param time the start, {@code HH:mm}
   * @param durationMinutes how long
   * @param topics what it is about
   */
  public record MeetingRequest(
      String requester,
      String company,
      String date,
      String time,
      int durationMinutes,
      List<String> topics) {}

  @Parameters(
      arity = "0..1",
      paramLabel = "TEXT",
      description = "The text to read (default: stdin).")
  String text;

  @Option(
      names = "--method",
      paramLabel = "tool|native",
      description = "tool (default) or native structured" + " output.")
  Method method = Method.TOOL;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Bedrock model id (default: ${DEFAULT-VALUE}).")
  String model = DEFAULT_MODEL_ID;

  @Option(names = "--aws", description = "Call Amazon Bedrock instead of the local emulator.")
  boolean aws;

  @Mixin CommonOptions common;

  private final InputStream in;
  private final BedrockEmulator givenEmulator;

  private ExtractSample(
      InputStream in, PrintStream out, PrintStream err, BedrockEmulator emulator) {
    super(out, err);
    this.in = in;
    this.givenEmulator = emulator;
  }

  /** Runs on the process's streams and exits with the exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs on the process's streams (UTF-8) and returns the exit code. */
  public static int run(String[] args) {
    return run(args, System.in, Cli.utf8(System.out), Cli.utf8(System.err), null);
  }

  /** Runs with the given streams, on a running emulator when one is given (not closed). */
  public static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, BedrockEmulator emulator) {
    return new ExtractSample(in, out, err, emulator).execute("extract", args);
  }

  @Override
  public Integer call() throws IOException {
    String source =
        text != null ? text : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    if (source.isBlank()) {
      throw new IllegalArgumentException("give the text to read as an argument or on stdin");
    }
    BedrockEmulator emulator =
        aws || givenEmulator != null ? givenEmulator : BedrockEmulator.start();
    try (BedrockGenerationClient client = Cli.bedrockClient(emulator, common.region())) {
      if (emulator != null) {
        err.println(Cli.offlineNotice("record", "Bedrock", "Amazon Bedrock"));
      }
      MeetingRequest meeting =
          method == Method.TOOL ? viaTool(client, source) : viaResponseFormat(client, source);
      JsonValue.JsonObject fields = (JsonValue.JsonObject) JsonValue.of(meeting);
      fields.members().forEach((name, value) -> out.println(name + ": " + value.toJson()));
      return 0;
    } finally {
      if (emulator != null && emulator != givenEmulator) {
        emulator.close();
      }
    }
  }

  private GenerationRequest.Builder ask(String source) {
    return GenerationRequest.builder()
        .modelId(model)
        .system(
            "Extract the meeting request from the user's text. Dates as yyyy-MM-dd, times as HH:mm.")
        .user(source)
        .inferenceConfig(c -> c.maxTokens(512).temperature(0.0));
  }

  /** A forced tool whose input is the record: works with every model that has tool use. */
  private MeetingRequest viaTool(BedrockGenerationClient client, String source) {
    ToolSpec record =
        ToolSpec.of(
            "record_meeting_request",
            "Records the meeting request found in the text",
            MeetingRequest.class);
    GenerationResponse r =
        client.generate(
            ask(source)
                .toolConfig(ToolConfig.of(record).withChoice(ToolChoice.tool(record.name())))
                .build());
    if (r.toolUses().isEmpty()) {
      throw new StructuredOutputException(
          "the model did not call " + record.name() + " (stop reason " + r.rawStopReason() + ")",
          null);
    }
    try {
      return r.toolUses().get(0).inputAs(MeetingRequest.class);
    } catch (InvalidRequestException e) {
      throw new StructuredOutputException(
          "the model's tool input does not fit MeetingRequest: " + e.getMessage(), e);
    }
  }

  /** Native structured output: the record's schema as the response format. */
  private MeetingRequest viaResponseFormat(BedrockGenerationClient client, String source) {
    return client
        .generate(ask(source).responseFormat(ResponseFormat.of(MeetingRequest.class)).build())
        .as(MeetingRequest.class);
  }
}
