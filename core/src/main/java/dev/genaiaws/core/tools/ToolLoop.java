package dev.genaiaws.core.tools;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.ToolChoice;
import dev.genaiaws.core.ToolConfig;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.StepLimitExceededException;
import dev.genaiaws.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SubmissionPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a conversation in which the model calls Java functions: call the model with the tools, run
 * the tools it asks for, send their results back, repeat until the model answers without asking for
 * a tool.
 *
 * <pre>{@code
 * record Weather(String city) {}
 * ToolLoop loop = ToolLoop.builder(client)
 *     .tool(Tool.of("get_weather", "Current weather of a city", Weather.class, in -> forecast(in.city())))
 *     .maxSteps(5)
 *     .build();
 * ToolLoopResult r = loop.run(GenerationRequest.builder().modelId(model).user("Umbrella in Paris today?").build());
 * System.out.println(r.text());
 * }</pre>
 *
 * <p><b>What it does for you.</b> The tools' specs are put on every request (the model's own choice
 * stays {@code auto}). Several tool calls in one answer run at the same time, and their results go
 * back in one message, in the order of the calls. A tool's input is bound from the model's JSON to
 * its record; when that fails, or the tool throws, or the model names a tool that does not exist,
 * the model gets an error result saying so and the loop goes on. The model's answers are appended
 * unchanged (reasoning blocks with their signatures included), which is what Bedrock requires
 * across tool turns. After {@code maxSteps} model calls that all asked for tools, it fails with
 * {@link StepLimitExceededException}.
 *
 * <p><b>Streaming.</b> {@link #stream} streams every step: text and tool calls arrive as they come,
 * and one {@link GenerationEvent.Completed} ends the whole run, with the final answer's blocks and
 * the summed usage.
 *
 * <p>Thread-safe and reusable; it holds no conversation state between runs.
 */
public final class ToolLoop {
  private static final Logger LOG = LoggerFactory.getLogger(ToolLoop.class);

  /** Model calls allowed by default. */
  public static final int DEFAULT_MAX_STEPS = 10;

  private final GenerationClient client;
  private final Map<String, Tool<?>> tools;
  private final int maxSteps;
  private final List<ToolLoopListener> listeners;
  private final Executor executor;

  private ToolLoop(Builder b) {
    this.client = b.client;
    this.tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.tools));
    this.maxSteps = b.maxSteps;
    this.listeners = List.copyOf(b.listeners);
    this.executor = b.executor;
  }

  /** Starts a loop over a client (which it does not close). */
  public static Builder builder(GenerationClient client) {
    return new Builder(client);
  }

  /**
   * The request with this loop's tools (kept with the request's own tool choice and cache point, if
   * any).
   */
  private GenerationRequest withTools(GenerationRequest request) {
    List<ToolSpec> specs = new ArrayList<>();
    tools.values().forEach(t -> specs.add(t.spec()));
    ToolConfig own = request.toolConfig();
    if (own != null) {
      for (ToolSpec s : own.tools()) {
        if (!tools.containsKey(s.name())) {
          throw new InvalidRequestException(
              "the request names tool '"
                  + s.name()
                  + "', which this loop cannot run: register it with .tool(...)");
        }
      }
    }
    ToolConfig config =
        new ToolConfig(
            specs,
            own == null ? ToolChoice.auto() : own.choice(),
            own == null ? null : own.cachePoint());
    return request.toBuilder().toolConfig(config).build();
  }

  /**
   * Runs the loop to the model's final answer.
   *
   * @throws StepLimitExceededException when the model still asks for tools after {@code maxSteps}
   *     calls
   * @throws GenAiException when a model call fails
   */
  public ToolLoopResult run(GenerationRequest request) {
    Checks.notNull(request, "request");
    GenerationRequest current = withTools(request);
    List<Message> conversation = new ArrayList<>(current.messages());
    TokenUsage usage = TokenUsage.none();
    for (int step = 1; ; step++) {
      GenerationResponse response = client.generate(current);
      usage = usage.plus(response.usage());
      notifyResponse(step, response);
      conversation.add(response.message());
      List<ToolUseBlock> calls = response.toolUses();
      if (calls.isEmpty()) {
        return new ToolLoopResult(response, conversation, step, usage);
      }
      if (step >= maxSteps) {
        throw new StepLimitExceededException(step);
      }
      conversation.add(Message.toolResults(runTools(step, calls)));
      current = current.toBuilder().messages(conversation).build();
    }
  }

  /**
   * Runs the loop, streaming every step: deltas and tool calls as they arrive, then one {@code
   * Completed} for the whole run (final stop reason, the final answer's blocks, usage summed over
   * all steps). Read it like any {@link GenerationStream}; closing it stops the loop. A failure (a
   * model call, the step limit) ends the stream with that exception.
   */
  public GenerationStream stream(GenerationRequest request) {
    Checks.notNull(request, "request");
    GenerationRequest first = withTools(request);
    SubmissionPublisher<GenerationEvent> out = new SubmissionPublisher<>(executor, 64);
    GenerationStream stream = GenerationStream.of(out);
    executor.execute(
        () -> {
          try {
            streamSteps(first, out);
            out.close();
          } catch (RuntimeException e) {
            out.closeExceptionally(e);
          }
        });
    return stream;
  }

  private void streamSteps(GenerationRequest first, SubmissionPublisher<GenerationEvent> out) {
    GenerationRequest current = first;
    List<Message> conversation = new ArrayList<>(current.messages());
    TokenUsage usage = TokenUsage.none();
    for (int step = 1; ; step++) {
      GenerationEvent.Completed done = null;
      try (GenerationStream s = client.stream(current)) {
        for (GenerationEvent e : s) {
          if (out.getNumberOfSubscribers() == 0) {
            return; // the reader closed the stream
          }
          if (e instanceof GenerationEvent.Completed c) {
            done = c;
          } else {
            out.submit(e);
          }
        }
      }
      if (done == null) {
        return;
      }
      usage = usage.plus(done.usage());
      GenerationResponse response = done.toResponse();
      notifyResponse(step, response);
      List<ToolUseBlock> calls = response.toolUses();
      if (calls.isEmpty()) {
        out.submit(done.withUsage(usage));
        return;
      }
      if (step >= maxSteps) {
        throw new StepLimitExceededException(step);
      }
      conversation.add(response.message());
      conversation.add(Message.toolResults(runTools(step, calls)));
      current = current.toBuilder().messages(conversation).build();
    }
  }

  /**
   * Runs the calls of one answer, at the same time when there are several; results in call order.
   */
  private List<ToolResultBlock> runTools(int step, List<ToolUseBlock> calls) {
    if (calls.size() == 1) {
      return List.of(runTool(step, calls.get(0)));
    }
    List<CompletableFuture<ToolResultBlock>> running = new ArrayList<>();
    for (ToolUseBlock call : calls) {
      running.add(CompletableFuture.supplyAsync(() -> runTool(step, call), executor));
    }
    List<ToolResultBlock> results = new ArrayList<>();
    for (CompletableFuture<ToolResultBlock> f : running) {
      try {
        results.add(f.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return results;
  }

  private ToolResultBlock runTool(int step, ToolUseBlock call) {
    long start = System.nanoTime();
    ToolResultBlock result = resultOf(call);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    for (ToolLoopListener l : listeners) {
      try {
        l.onToolResult(step, call, result, took);
      } catch (RuntimeException e) {
        LOG.warn(
            "tool loop listener {} failed on a tool result; ignored", l.getClass().getName(), e);
      }
    }
    return result;
  }

  private ToolResultBlock resultOf(ToolUseBlock call) {
    Tool<?> tool = tools.get(call.name());
    if (tool == null) {
      return ToolResultBlock.error(
          call.id(),
          "there is no tool named '" + call.name() + "'; the tools are " + tools.keySet());
    }
    Object output;
    try {
      output = invoke(tool, call);
    } catch (InvalidRequestException e) {
      return ToolResultBlock.error(
          call.id(), "the input does not fit the tool's schema: " + e.getMessage());
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return ToolResultBlock.error(call.id(), "the tool failed: " + message);
    }
    if (output instanceof ToolResultBlock r) {
      return r;
    }
    if (output == null) {
      return ToolResultBlock.ofText(call.id(), "done");
    }
    if (output instanceof CharSequence text) {
      return ToolResultBlock.ofText(call.id(), text.toString());
    }
    try {
      return ToolResultBlock.ofJson(call.id(), JsonValue.of(output));
    } catch (InvalidRequestException e) {
      return ToolResultBlock.ofText(call.id(), output.toString());
    }
  }

  private static <I extends Record> Object invoke(Tool<I> tool, ToolUseBlock call)
      throws Exception {
    I input = call.inputAs(tool.inputType());
    return tool.call(input);
  }

  private void notifyResponse(int step, GenerationResponse response) {
    for (ToolLoopListener l : listeners) {
      try {
        l.onModelResponse(step, response);
      } catch (RuntimeException e) {
        LOG.warn(
            "tool loop listener {} failed on a model response; ignored", l.getClass().getName(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "ToolLoop[tools=" + tools.keySet() + ", maxSteps=" + maxSteps + "]";
  }

  /** Builder for {@link ToolLoop}. */
  public static final class Builder {
    private final GenerationClient client;
    private final Map<String, Tool<?>> tools = new LinkedHashMap<>();
    private int maxSteps = DEFAULT_MAX_STEPS;
    private final List<ToolLoopListener> listeners = new ArrayList<>();
    private Executor executor = Builder::daemonThread;

    private Builder(GenerationClient client) {
      this.client = Checks.notNull(client, "client");
    }

    private static void daemonThread(Runnable r) {
      Thread t = new Thread(r, "genai-tool-loop");
      t.setDaemon(true);
      t.start();
    }

    /** Adds a tool; names must be unique. */
    public Builder tool(Tool<?> tool) {
      Checks.notNull(tool, "tool");
      if (tools.putIfAbsent(tool.name(), tool) != null) {
        throw new InvalidRequestException(
            "tool names must be unique but '" + tool.name() + "' is given twice");
      }
      return this;
    }

    /** Adds several tools. */
    public Builder tools(List<Tool<?>> tools) {
      tools.forEach(this::tool);
      return this;
    }

    /** The most model calls one run may make (default {@value ToolLoop#DEFAULT_MAX_STEPS}). */
    public Builder maxSteps(int maxSteps) {
      if (maxSteps < 1) {
        throw new InvalidRequestException("maxSteps must be >= 1 but was " + maxSteps);
      }
      this.maxSteps = maxSteps;
      return this;
    }

    /** Adds a listener that sees every step. */
    public Builder listener(ToolLoopListener listener) {
      listeners.add(Checks.notNull(listener, "listener"));
      return this;
    }

    /**
     * Where parallel tool calls and streamed runs execute; default: a new daemon thread per task
     * (never the common pool).
     */
    public Builder executor(Executor executor) {
      this.executor = Checks.notNull(executor, "executor");
      return this;
    }

    public ToolLoop build() {
      if (tools.isEmpty()) {
        throw new InvalidRequestException(
            "a tool loop needs at least one tool: add one with .tool(...)");
      }
      return new ToolLoop(this);
    }
  }
}
