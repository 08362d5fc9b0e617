package dev.genaiaws.testkit;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulators as a standalone server, for demos and for programs in other languages.
 *
 * <pre>
 * java -jar genai-aws-testkit-VERSION-standalone.jar --port 8080 \
 *     --sagemaker-endpoint my-llm=tgi --sagemaker-endpoint my-embedder=embedding \
 *     --s3-endpoint http://127.0.0.1:9090
 * </pre>
 *
 * <p>Bedrock Runtime listens on {@code --port} (default 8080, 0 = any free port) and SageMaker
 * Runtime on {@code --sagemaker-port} (default: the Bedrock port + 1, or any free port when the
 * Bedrock port is 0), both on 127.0.0.1. The endpoints are printed on standard output, one {@code
 * name: url} line each. Stop with Ctrl-C.
 *
 * <p>Options: {@code --sagemaker-endpoint NAME=tgi|lmi|text2text|embedding} (repeatable), {@code
 * --alias IDENTIFIER=MODEL_ID} (repeatable, e.g. a provisioned-model ARN), {@code --s3-endpoint
 * URL} and {@code --async-delay-ms N} for async inference, {@code --stream-part-size N} for
 * SageMaker PayloadParts of N bytes.
 *
 * <p>Programs can also call {@link #start(String...)} and {@link #close()}.
 */
public final class Main implements AutoCloseable {
  private static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar genai-aws-testkit-standalone.jar [options]",
          "  --port N                      Bedrock Runtime port on 127.0.0.1 (default 8080, 0 = any)",
          "  --sagemaker-port N            SageMaker Runtime port (default: port + 1, or any when port is 0)",
          "  --sagemaker-endpoint NAME=FMT SageMaker endpoint; FMT is tgi, lmi, text2text or embedding (repeatable)",
          "  --alias IDENTIFIER=MODEL_ID   let an ARN stand for a model id (repeatable)",
          "  --s3-endpoint URL             S3 endpoint for async inference (path-style)",
          "  --async-delay-ms N            async inference duration (default 50)",
          "  --stream-part-size N          SageMaker stream PayloadPart size in bytes (default: random 1-16)",
          "  --help                        this text");

  private final BedrockEmulator bedrock;
  private final SageMakerEmulator sageMaker;

  private Main(BedrockEmulator bedrock, SageMakerEmulator sageMaker) {
    this.bedrock = bedrock;
    this.sageMaker = sageMaker;
  }

  /**
   * Starts both emulators from command-line style arguments.
   *
   * @throws IllegalArgumentException for unknown or malformed options
   */
  public static Main start(String... args) {
    int port = 8080;
    Integer sageMakerPort = null;
    List<String[]> endpoints = new ArrayList<>();
    List<String[]> aliases = new ArrayList<>();
    SageMakerEmulator.Builder sm = SageMakerEmulator.builder();
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (opt.equals("--help")) {
        throw new IllegalArgumentException("help requested");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + opt);
      }
      String value = args[++i];
      switch (opt) {
        case "--port" -> port = parseInt(opt, value);
        case "--sagemaker-port" -> sageMakerPort = parseInt(opt, value);
        case "--sagemaker-endpoint" -> endpoints.add(pair(opt, value));
        case "--alias" -> aliases.add(pair(opt, value));
        case "--s3-endpoint" -> sm.s3Endpoint(URI.create(value));
        case "--async-delay-ms" -> sm.asyncDelay(Duration.ofMillis(parseInt(opt, value)));
        case "--stream-part-size" -> sm.streamPartSize(parseInt(opt, value));
        default -> throw new IllegalArgumentException("unknown option " + opt);
      }
    }
    for (String[] e : endpoints) {
      sm.endpoint(e[0], container(e[1]));
    }
    BedrockEmulator bedrock = BedrockEmulator.start(port);
    try {
      for (String[] a : aliases) {
        bedrock.alias(a[0], a[1]);
      }
      int smPort = sageMakerPort != null ? sageMakerPort : port == 0 ? 0 : port + 1;
      return new Main(bedrock, sm.port(smPort).start());
    } catch (RuntimeException e) {
      bedrock.close();
      throw e;
    }
  }

  private static int parseInt(String opt, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + " needs a number but was " + value, e);
    }
  }

  private static String[] pair(String opt, String value) {
    int eq = value.lastIndexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      throw new IllegalArgumentException(opt + " needs NAME=VALUE but was " + value);
    }
    return new String[] {value.substring(0, eq), value.substring(eq + 1)};
  }

  private static SageMakerEmulator.Container container(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "tgi" -> SageMakerEmulator.Container.TGI;
      case "lmi", "djl" -> SageMakerEmulator.Container.LMI;
      case "text2text", "jumpstart-text2text" -> SageMakerEmulator.Container.JUMPSTART_TEXT2TEXT;
      case "embedding", "embeddings" -> SageMakerEmulator.Container.EMBEDDING;
      default ->
          throw new IllegalArgumentException(
              "unknown container format " + name + " (use tgi, lmi, text2text or embedding)");
    };
  }

  /** The running Bedrock emulator. */
  public BedrockEmulator bedrock() {
    return bedrock;
  }

  /** The running SageMaker emulator. */
  public SageMakerEmulator sageMaker() {
    return sageMaker;
  }

  /** Stops both emulators. */
  @Override
  public void close() {
    bedrock.close();
    sageMaker.close();
  }

  /** Starts the emulators, prints their endpoints and runs until the JVM is stopped. */
  /**
   * The standalone jar ships no SLF4J provider on purpose (the emulators log only at debug level):
   * without one on the class path, SLF4J is told to use its no-op provider, so it does not print
   * its "no providers" warning. A provider on the class path, or an explicit {@code
   * -Dslf4j.provider}, still wins.
   */
  static void quietLoggingWithoutProvider() {
    if (System.getProperty("slf4j.provider") != null
        || java.util.ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class)
            .findFirst()
            .isPresent()) {
      return;
    }
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
  }

  public static void main(String[] args) throws InterruptedException {
    quietLoggingWithoutProvider();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Main main;
    try {
      main = start(args);
    } catch (IllegalArgumentException e) {
      if (!"help requested".equals(e.getMessage())) {
        System.err.println(e.getMessage());
      }
      System.err.println(USAGE);
      System.exit("help requested".equals(e.getMessage()) ? 0 : 2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  main.close();
                  stopped.countDown();
                },
                "testkit-shutdown"));
    out.println("bedrock-runtime: " + main.bedrock().endpoint());
    out.println("sagemaker-runtime: " + main.sageMaker().endpoint());
    stopped.await();
  }
}
