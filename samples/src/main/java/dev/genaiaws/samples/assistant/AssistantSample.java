package dev.genaiaws.samples.assistant;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.tools.Tool;
import dev.genaiaws.core.tools.ToolLoop;
import dev.genaiaws.core.tools.ToolLoopListener;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * An assistant that calls Java functions: the model decides which of three tools to call (the time
 * in a time zone, a currency conversion from a fixed table, the days between two dates), the {@link
 * ToolLoop} runs them (several at once when the model asks for several), sends the results back,
 * and the final answer is streamed.
 *
 * <pre>
 * java -jar genai-aws-samples.jar assistant "Use current_time for Europe/Paris and convert_currency 100 USD to EUR"
 * java -jar genai-aws-samples.jar assistant --aws --model us.amazon.nova-lite-v1:0 "How many days until 2027-01-01?"
 * </pre>
 *
 * <p>What it shows: {@link Tool#of} with a record per tool input (its JSON Schema is derived from
 * the record, the model's JSON is bound back to it), {@link ToolLoop#stream} for the final answer,
 * a {@link ToolLoopListener} printing every tool call, tool errors returned to the model (an
 * unknown currency or zone), and the step limit. Offline, the emulator calls the tools whose names
 * the question mentions, with inputs generated from their schemas ({@code name=value} in the
 * question sets a value).
 *
 * <p>Answers go to stdout; tool calls, the offline notice and usage to stderr. Exit codes: 0 done,
 * 1 failure, 2 bad usage.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
@Command(
    name = "assistant",
    mixinStandardHelpOptions = true,
    version = "genai-aws assistant sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "An assistant that answers by calling Java tools: current_time, convert_currency, days_between.",
      "Runs offline against the built-in Bedrock emulator unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failure", "2:bad usage"})
public final class AssistantSample extends SampleCommand {
  /** The model used unless {@code --model} says otherwise: a Converse model with tool use. */
  public static final String DEFAULT_MODEL_ID = "us.amazon.nova-lite-v1:0";

  /** Input of {@code current_time}. */
  public record TimeQuery(String zone) {}

  /** Input of {@code convert_currency}. */
  public record Conversion(double amount, String from, String to) {}

  /** Input of {@code days_between}. */
  public record DateRange(String start, String end) {}

  private static final Map<String, Double> EUR_PER_UNIT =
      Map.of("EUR", 1.0, "USD", 0.92, "GBP", 1.17, "JPY", 0.0061, "CHF", 1.05);

  @Parameters(arity = "1", paramLabel = "QUESTION", description = "What to ask the assistant.")
  String question;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Bedrock model id or inference profile (default:" + " ${DEFAULT-VALUE}).")
  String model = DEFAULT_MODEL_ID;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "Most model calls (default: ${DEFAULT-VALUE}).")
  int maxSteps = 5;

  @Option(names = "--aws", description = "Call Amazon Bedrock instead of the local emulator.")
  boolean aws;

  @Mixin CommonOptions common;

  private final BedrockEmulator givenEmulator;

  private AssistantSample(PrintStream out, PrintStream err, BedrockEmulator emulator) {
    super(out, err);
    this.givenEmulator = emulator;
  }

  /** Runs on the process's streams and exits with the exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs on the process's streams (UTF-8) and returns the exit code. */
  public static int run(String[] args) {
    return run(args, Cli.utf8(System.out), Cli.utf8(System.err), null);
  }

  /** Runs with the given streams, on a running emulator when one is given (not closed). */
  public static int run(String[] args, PrintStream out, PrintStream err, BedrockEmulator emulator) {
    return new AssistantSample(out, err, emulator).execute("assistant", args);
  }

  /** The three tools, each a plain Java function of a record. */
  static List<Tool<?>> tools() {
    return List.of(
        Tool.of(
            "current_time",
            "The current date and time in an IANA time zone such as Europe/Paris",
            TimeQuery.class,
            in ->
                ZonedDateTime.now(ZoneId.of(in.zone()))
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)),
        Tool.of(
            "convert_currency",
            "Converts an amount between EUR, USD, GBP, JPY and CHF at fixed rates",
            Conversion.class,
            AssistantSample::convert),
        Tool.of(
            "days_between",
            "The number of days between two ISO dates (yyyy-MM-dd)",
            DateRange.class,
            in ->
                Map.of(
                    "days",
                    Duration.between(
                            LocalDate.parse(in.start()).atStartOfDay(),
                            LocalDate.parse(in.end()).atStartOfDay())
                        .toDays())));
  }

  static Map<String, Object> convert(Conversion in) {
    Double from = EUR_PER_UNIT.get(in.from().toUpperCase(Locale.ROOT));
    Double to = EUR_PER_UNIT.get(in.to().toUpperCase(Locale.ROOT));
    if (from == null || to == null) {
      throw new IllegalArgumentException("unknown currency: use one of " + EUR_PER_UNIT.keySet());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("amount", Math.round(in.amount() * from / to * 100) / 100.0);
    result.put("currency", in.to().toUpperCase(Locale.ROOT));
    return result;
  }

  @Override
  public Integer call() {
    BedrockEmulator emulator =
        aws || givenEmulator != null ? givenEmulator : BedrockEmulator.start();
    try (BedrockGenerationClient client = Cli.bedrockClient(emulator, common.region())) {
      if (emulator != null) {
        err.println(Cli.offlineNotice("answer", "Bedrock", "Amazon Bedrock"));
      }
      ToolLoop loop =
          ToolLoop.builder(client)
              .tools(tools())
              .maxSteps(maxSteps)
              .listener(
                  new ToolLoopListener() {
                    @Override
                    public void onModelResponse(int step, GenerationResponse response) {
                      if (!response.toolUses().isEmpty()) {
                        err.println(
                            "(step "
                                + step
                                + ": the model asks for "
                                + response.toolUses().size()
                                + " tool call"
                                + (response.toolUses().size() == 1 ? ")" : "s)"));
                      }
                    }

                    @Override
                    public void onToolResult(
                        int step, ToolUseBlock call, ToolResultBlock result, Duration took) {
                      err.println(
                          "  "
                              + call.name()
                              + " "
                              + call.input().toJson()
                              + (result.error() ? " -> error" : " -> ok"));
                    }
                  })
              .build();
      GenerationRequest request =
          GenerationRequest.builder()
              .modelId(model)
              .system(
                  "You are a precise assistant. Use the tools for times, currencies and dates; never guess them.")
              .user(question)
              .inferenceConfig(c -> c.maxTokens(1024))
              .build();
      try (GenerationStream stream = loop.stream(request)) {
        for (GenerationEvent event : stream) {
          if (event instanceof GenerationEvent.TextDelta d) {
            out.print(d.text());
            out.flush();
          } else if (event instanceof GenerationEvent.Completed done) {
            out.println();
            err.println(
                "("
                    + done.usage().inputTokens()
                    + " input, "
                    + done.usage().outputTokens()
                    + " output tokens in all)");
          }
        }
      }
      return 0;
    } finally {
      if (emulator != null && emulator != givenEmulator) {
        emulator.close();
      }
    }
  }
}
