package dev.genaiaws.samples.chat;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A chat in the terminal: reads your messages line by line, sends the whole conversation so far
 * with each one, and prints the answer as it streams in.
 *
 * <pre>
 * java -jar genai-aws-samples.jar chat                                   # offline, the Bedrock emulator
 * java -jar genai-aws-samples.jar chat --aws --system "Answer in one sentence."
 * printf 'hello\nhow are you\n/exit\n' | java -jar genai-aws-samples.jar chat
 * </pre>
 *
 * <p>What it shows: a multi-turn {@link GenerationRequest} ({@code user}/{@code assistant} messages
 * plus a system prompt) and {@link GenerationStream} (iterate the events, print each {@link
 * GenerationEvent.TextDelta} at once, read usage from the {@link GenerationEvent.Completed} event).
 * A failed turn is reported and dropped from the history, so the conversation stays valid for the
 * next one.
 *
 * <p>Commands: {@code /reset} forgets the conversation, {@code /exit} (or the end of the input)
 * quits. Answers go to stdout; the {@code you>} prompt (in a terminal only), the offline notice,
 * usage and errors to stderr. Exit codes: 0 done, 1 the emulator or the client could not start, 2
 * bad usage (an unknown model or a parameter it does not take).
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    version = "genai-aws chat sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "A multi-turn chat that streams each answer as it arrives.",
      "Type a message and press Enter; /reset forgets the conversation, /exit quits.",
      "Runs offline against the built-in Bedrock emulator unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the client could not start", "2:bad usage"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ChatSample extends SampleCommand {
  /** The model the chat uses unless {@code --model} says otherwise. */
  public static final String DEFAULT_MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Bedrock model id or inference profile (default:" + " ${DEFAULT-VALUE}).")
  String model = DEFAULT_MODEL_ID;

  @Option(
      names = "--system",
      paramLabel = "TEXT",
      description = "System prompt for the whole conversation.")
  String system;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "Longest answer in tokens (default:" + " ${DEFAULT-VALUE}).")
  int maxTokens = 512;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description = "Randomness, e.g. 0.5 (default: the model's).")
  Double temperature;

  @Option(
      names = "--aws",
      description =
          "Call Amazon Bedrock (default region and credential chains) instead of"
              + " the local emulator.")
  boolean aws;

  @Mixin CommonOptions common;

  private final InputStream in;
  private final BedrockEmulator givenEmulator;
  private final boolean prompt;

  private ChatSample(
      InputStream in, PrintStream out, PrintStream err, BedrockEmulator emulator, boolean prompt) {
    super(out, err);
    this.in = in;
    this.givenEmulator = emulator;
    this.prompt = prompt;
  }

  /** Runs the chat on the process's stdin, stdout and stderr and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the chat on the process's streams (UTF-8) and returns the exit code. */
  @SuppressWarnings("SystemConsoleNull") // built for Java 17, where console() is null when piped
  public static int run(String[] args) {
    // the "you> " prompt only when a person types: piped input gets answers without prompts in
    // between
    return run(
        args,
        System.in,
        Cli.utf8(System.out),
        Cli.utf8(System.err),
        null,
        System.console() != null);
  }

  /**
   * Runs the chat reading messages from {@code in} (UTF-8), answers to {@code out}, the rest to
   * {@code err}.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, null);
  }

  /**
   * Like {@link #run(String[], InputStream, PrintStream, PrintStream)} on a running emulator (not
   * closed).
   */
  static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      @Nullable BedrockEmulator emulator) {
    return run(args, in, out, err, emulator, false);
  }

  private static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      @Nullable BedrockEmulator emulator,
      boolean prompt) {
    return new ChatSample(in, out, err, emulator, prompt).execute("chat", args);
  }

  @Override
  public Integer call() throws IOException {
    BedrockEmulator emulator =
        aws || givenEmulator != null ? givenEmulator : BedrockEmulator.start();
    try (BedrockGenerationClient client = Cli.bedrockClient(emulator, common.region())) {
      if (emulator != null) {
        err.println(Cli.offlineNotice("text", "Bedrock", "Amazon Bedrock"));
      } else {
        err.println("Chatting with " + model + " on Amazon Bedrock.");
      }
      err.println("Type a message and press Enter; /reset forgets the conversation, /exit quits.");
      chat(client, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      return 0;
    } finally {
      if (emulator != null && emulator != givenEmulator) {
        emulator.close();
      }
    }
  }

  private void chat(BedrockGenerationClient client, BufferedReader lines) throws IOException {
    List<Message> history = new ArrayList<>();
    while (true) {
      if (prompt) {
        err.print("you> ");
        err.flush();
      }
      String line = lines.readLine();
      if (line == null || line.strip().equals("/exit")) {
        return;
      }
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (text.equals("/reset")) {
        history.clear();
        err.println("(conversation forgotten)");
        continue;
      }
      history.add(Message.user(text));
      try {
        history.add(Message.assistant(answer(client, history)));
      } catch (GenAiException e) {
        // the turn failed: forget the question so user and assistant messages keep alternating
        history.remove(history.size() - 1);
        if (Cli.isUsageError(e)) {
          throw e; // ends the chat with exit code 2; Cli.execute reports it (once)
        }
        err.println("chat: " + Cli.oneLine(e));
        if (common.verbose()) {
          e.printStackTrace(err);
        }
      }
    }
  }

  /** Streams one answer to stdout as it arrives and returns its text. */
  private String answer(BedrockGenerationClient client, List<Message> history) {
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId(model)
            .system(system)
            .messages(history)
            .inferenceConfig(c -> c.maxTokens(maxTokens).temperature(temperature))
            .build();
    StringBuilder text = new StringBuilder();
    TokenUsage usage = TokenUsage.none();
    try (GenerationStream stream = client.stream(request)) {
      for (GenerationEvent event : stream) {
        if (event instanceof GenerationEvent.TextDelta delta) {
          out.print(delta.text());
          out.flush();
          text.append(delta.text());
        } else if (event instanceof GenerationEvent.Completed done) {
          usage = done.usage();
        }
      }
    } finally {
      out.println();
    }
    if (out.checkError()) {
      throw new UncheckedIOException(new IOException("cannot write to stdout"));
    }
    err.println(
        "("
            + usage.inputTokens()
            + " input, "
            + usage.outputTokens()
            + " output tokens, "
            + history.size()
            + " messages sent)");
    return text.toString();
  }
}
