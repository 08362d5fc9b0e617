package dev.genaiaws.samples.sagemaker;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.sagemaker.AsyncInferenceHandle;
import dev.genaiaws.sagemaker.AsyncInferenceOptions;
import dev.genaiaws.sagemaker.SageMakerFormats;
import dev.genaiaws.sagemaker.SageMakerGenerationClient;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.testkit.SageMakerEmulator;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.NullUnmarked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * Calls a text-generation model on an Amazon SageMaker endpoint the three ways SageMaker offers:
 * real time ({@code InvokeEndpoint}), streaming ({@code InvokeEndpointWithResponseStream}) and
 * asynchronous inference ({@code InvokeEndpointAsync}, input and output through S3).
 *
 * <pre>
 * java -jar genai-aws-samples.jar sagemaker "What is SageMaker?"                         # offline, real time
 * java -jar genai-aws-samples.jar sagemaker --mode stream "What is SageMaker?"           # offline, streamed
 * java -jar genai-aws-samples.jar sagemaker --mode async --s3-endpoint http://127.0.0.1:9090 \
 *     --input-location s3://my-bucket/async-input/ "What is SageMaker?"                 # offline, local S3
 * java -jar genai-aws-samples.jar sagemaker --aws --endpoint my-llama3 --format tgi-llama3 "What is SageMaker?"
 * java -jar genai-aws-samples.jar sagemaker --aws --endpoint my-async-llm --mode async \
 *     --input-location s3://my-bucket/async-input/ "What is SageMaker?"
 * </pre>
 *
 * <p>What it shows: {@link SageMakerGenerationClient} is the same {@code GenerationClient} as
 * Bedrock's, with the endpoint name as the model id and the container's format ({@link
 * SageMakerFormats}) named once per endpoint. The same request goes through {@code generate},
 * {@code stream} or {@link SageMakerGenerationClient#submitAsyncInference}; only the call differs.
 *
 * <p><b>Offline</b> (the default) it starts the testkit's SageMaker emulator in-process with one
 * endpoint ({@code --endpoint}, default {@value #OFFLINE_ENDPOINT}) of the container {@code
 * --format} names, and says so on stderr. Asynchronous inference needs S3: the sample does not
 * embed one (a local S3 such as S3Mock is a Spring Boot application, far too heavy to ship in a
 * sample jar), so offline {@code --mode async} needs {@code --s3-endpoint} pointing at a local S3
 * whose bucket (from {@code --input-location}) exists; the emulator and the client then both use
 * it. With {@code --aws} the SDK's default region and credential chains are used for SageMaker and
 * S3.
 *
 * <p>The answer goes to stdout; everything else to stderr. Exit codes: 0 done, 1 the endpoint
 * failed, 2 bad usage.
 */
@Command(
    name = "sagemaker",
    mixinStandardHelpOptions = true,
    version = "genai-aws SageMaker sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Asks a SageMaker text-generation endpoint PROMPT: in real time, streamed, or through"
          + " asynchronous inference.",
      "Runs offline against the built-in SageMaker emulator unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the endpoint failed", "2:bad usage"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerSample extends SampleCommand {
  /** The endpoint the offline emulator serves unless {@code --endpoint} names another. */
  public static final String OFFLINE_ENDPOINT = "genai-aws-demo";

  /** How a call is made. */
  public enum Mode {
    /** {@code InvokeEndpoint}: one request, one answer. */
    REALTIME,
    /** {@code InvokeEndpointWithResponseStream}: the answer as it is generated. */
    STREAM,
    /**
     * {@code InvokeEndpointAsync}: input uploaded to S3, the answer read from S3 when it is
     * written.
     */
    ASYNC
  }

  /** The {@code --format} names, the client's format and the emulator's container for each. */
  private record Format(ModelFamily family, SageMakerEmulator.Container container) {}

  static final Map<String, Format> FORMATS = new LinkedHashMap<>();

  static {
    FORMATS.put("tgi", new Format(SageMakerFormats.TGI, SageMakerEmulator.Container.TGI));
    FORMATS.put(
        "tgi-llama2", new Format(SageMakerFormats.TGI_LLAMA2, SageMakerEmulator.Container.TGI));
    FORMATS.put(
        "tgi-llama3", new Format(SageMakerFormats.TGI_LLAMA3, SageMakerEmulator.Container.TGI));
    FORMATS.put(
        "tgi-mistral", new Format(SageMakerFormats.TGI_MISTRAL, SageMakerEmulator.Container.TGI));
    FORMATS.put("lmi", new Format(SageMakerFormats.LMI, SageMakerEmulator.Container.LMI));
    FORMATS.put(
        "lmi-llama3", new Format(SageMakerFormats.LMI_LLAMA3, SageMakerEmulator.Container.LMI));
    FORMATS.put(
        "text2text",
        new Format(
            SageMakerFormats.JUMPSTART_TEXT2TEXT, SageMakerEmulator.Container.JUMPSTART_TEXT2TEXT));
  }

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PROMPT",
      description = "What to ask (quote it, or give it as several" + " words).")
  List<String> prompt;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "realtime, stream or async (default: realtime).",
      converter = ModeConverter.class)
  Mode mode = Mode.REALTIME;

  @Option(
      names = "--endpoint",
      paramLabel = "NAME",
      description =
          "SageMaker endpoint name (required with --aws;"
              + " offline default: "
              + OFFLINE_ENDPOINT
              + ").")
  String endpoint;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "The endpoint's container format: tgi,"
              + " tgi-llama2, tgi-llama3, tgi-mistral, lmi, lmi-llama3 or text2text (default: ${DEFAULT-VALUE}).")
  String format = "tgi";

  @Option(
      names = "--system",
      paramLabel = "TEXT",
      description = "System prompt (rendered by the format's chat" + " template).")
  String system;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "Longest answer in tokens (default:" + " ${DEFAULT-VALUE}).")
  int maxTokens = 256;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description = "Randomness, e.g. 0.5 (default: the" + " container's).")
  Double temperature;

  @Option(
      names = "--input-location",
      paramLabel = "S3_URI",
      description = "With --mode async: the s3://bucket/" + "prefix/ the input is uploaded to.")
  String inputLocation;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "With --mode async: an S3 endpoint to use"
              + " instead of AWS's (path-style, a local S3). Required offline.")
  URI s3Endpoint;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "With --mode async: how long to wait for" + " the answer (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 900;

  @Option(
      names = "--aws",
      description =
          "Call Amazon SageMaker (default region and credential chains) instead"
              + " of the local emulator.")
  boolean aws;

  @Mixin CommonOptions common;

  private SageMakerSample(PrintStream out, PrintStream err) {
    super(out, err);
  }

  /** Runs the sample and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the sample on the process's stdout and stderr (UTF-8) and returns the exit code. */
  public static int run(String[] args) {
    return run(args, Cli.utf8(System.out), Cli.utf8(System.err));
  }

  /** Runs the sample: the answer to {@code out}, the rest to {@code err}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new SageMakerSample(out, err).execute("sagemaker", args);
  }

  @Override
  public Integer call() throws InterruptedException {
    String text = text(spec, prompt, "PROMPT");
    Format f = FORMATS.get(format);
    if (f == null) {
      throw Cli.usage(
          spec, "--format must be one of " + FORMATS.keySet() + " but was '" + format + "'");
    }
    if (aws && endpoint == null) {
      throw Cli.usage(spec, "--aws needs --endpoint, the name of your SageMaker endpoint");
    }
    if (mode == Mode.ASYNC && inputLocation == null) {
      throw Cli.usage(
          spec, "--mode async needs --input-location s3://bucket/prefix/ to upload the input to");
    }
    if (mode == Mode.ASYNC && !aws && s3Endpoint == null) {
      throw Cli.usage(
          spec,
          "--mode async offline needs --s3-endpoint, a local S3 (such as S3Mock) whose bucket"
              + " exists; the sample does not embed one");
    }
    String name = endpoint == null ? OFFLINE_ENDPOINT : endpoint;
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId(name)
            .system(system)
            .user(text)
            .inferenceConfig(c -> c.maxTokens(maxTokens).temperature(temperature))
            .build();
    SageMakerEmulator emulator = aws ? null : emulator(name, f.container());
    try (SageMakerGenerationClient client = client(emulator, name, f.family())) {
      err.println(
          emulator != null
              ? Cli.offlineNotice("text", "SageMaker", "Amazon SageMaker")
              : "Calling SageMaker endpoint "
                  + name
                  + " ("
                  + format
                  + ", "
                  + mode.name().toLowerCase(Locale.ROOT)
                  + ")...");
      TokenUsage usage =
          switch (mode) {
            case REALTIME -> realtime(client, request);
            case STREAM -> stream(client, request);
            case ASYNC -> async(client, request);
          };
      err.println(
          "(" + usage.inputTokens() + " input, " + usage.outputTokens() + " output tokens)");
      return 0;
    } finally {
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  private TokenUsage realtime(SageMakerGenerationClient client, GenerationRequest request) {
    GenerationResponse r = client.generate(request);
    out.println(r.text());
    String variant = r.metadata().attribute(SageMakerGenerationClient.ATTR_INVOKED_VARIANT);
    if (variant != null) {
      err.println("Answered by production variant " + variant);
    }
    return r.usage();
  }

  private TokenUsage stream(SageMakerGenerationClient client, GenerationRequest request) {
    TokenUsage usage = TokenUsage.none();
    try (GenerationStream stream = client.stream(request)) {
      for (GenerationEvent event : stream) {
        if (event instanceof GenerationEvent.TextDelta delta) {
          out.print(delta.text());
          out.flush();
        } else if (event instanceof GenerationEvent.Completed done) {
          usage = done.usage();
        }
      }
    } finally {
      out.println();
    }
    return usage;
  }

  private TokenUsage async(SageMakerGenerationClient client, GenerationRequest request)
      throws InterruptedException {
    AsyncInferenceOptions.Builder options =
        AsyncInferenceOptions.builder()
            .inputLocation(inputLocation)
            .timeout(Duration.ofSeconds(timeoutSeconds));
    if (!aws) {
      // the emulator answers within milliseconds: look early and often
      options.initialPollDelay(Duration.ofMillis(50)).maxPollDelay(Duration.ofMillis(500));
    }
    AsyncInferenceHandle handle = client.submitAsyncInference(request, options.build());
    err.println(
        "Submitted inference "
            + handle.inferenceId()
            + "; input "
            + handle.inputLocation()
            + ", waiting for "
            + handle.outputLocation());
    GenerationResponse r;
    try {
      r = handle.result().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new CompletionException(e.getCause());
    }
    out.println(r.text());
    return r.usage();
  }

  private SageMakerEmulator emulator(String name, SageMakerEmulator.Container container) {
    SageMakerEmulator.Builder b = SageMakerEmulator.builder().endpoint(name, container);
    if (s3Endpoint != null) {
      b.s3Endpoint(s3Endpoint);
    }
    return b.start();
  }

  private SageMakerGenerationClient client(
      SageMakerEmulator emulator, String name, ModelFamily family) {
    SageMakerGenerationClient.Builder b =
        SageMakerGenerationClient.builder()
            .endpoint(name, family)
            .retryPolicy(RetryPolicy.defaults());
    if (s3Endpoint != null) {
      b.s3EndpointOverride(s3Endpoint);
    }
    if (emulator != null) {
      return b.endpointOverride(emulator.endpoint())
          .region(Cli.OFFLINE_REGION)
          .credentialsProvider(Cli.offlineCredentials())
          .build();
    }
    if (common.region() != null) {
      b.region(Region.of(common.region()));
    }
    return b.build();
  }

  /** Reads {@code --mode} case-insensitively. */
  static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      try {
        return Mode.valueOf(value.strip().toUpperCase(Locale.ROOT).replace("-", ""));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "must be realtime, stream or async but was '" + value + "'");
      }
    }
  }
}
