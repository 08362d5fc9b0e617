package dev.genaiaws.samples.blog;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.cost.CacheWriteTtl;
import dev.genaiaws.cost.CostEstimate;
import dev.genaiaws.cost.CostEstimator;
import dev.genaiaws.cost.PricingTier;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.storage.GenerationStore;
import dev.genaiaws.storage.InvalidStorageKeyException;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.NullUnmarked;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The blog generator on the command line: writes a ~200-word post on a topic, streams it to the
 * terminal as the model writes it, and saves it as a generation record.
 *
 * <pre>
 * java -jar genai-aws-samples.jar "Serverless GenAI on AWS"                  # offline, saved to ./generations
 * java -jar genai-aws-samples.jar --aws "Serverless GenAI on AWS"            # Amazon Bedrock, default chains
 * java -jar genai-aws-samples.jar --aws --bucket my-blogs --prefix blogs "Serverless GenAI on AWS"
 * java -jar genai-aws-samples.jar --help
 * </pre>
 *
 * <p><b>Offline</b> (the default) it starts the testkit's Bedrock emulator in-process on 127.0.0.1
 * and says so on stderr: the text then comes from the emulator, not from a model. With {@code
 * --aws} it calls Amazon Bedrock with the SDK's default region and credential chains. Posts are
 * saved to a local folder ({@code --out}, default {@code ./generations}) or, with {@code --bucket},
 * to S3.
 *
 * <p>The post goes to stdout; everything else (mode, where it was saved, token usage, errors) to
 * stderr. Exit codes: 0 done, 1 the model or the store failed (one line, the stack trace only with
 * {@code --verbose}), 2 bad usage.
 */
@Command(
    name = "blog",
    mixinStandardHelpOptions = true,
    version = "genai-aws blog generator 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Writes a ~200-word blog post on TOPIC, streams it to the terminal and saves it.",
      "Runs offline against the built-in Bedrock emulator unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the model or the store failed", "2:bad usage"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BlogCli implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "TOPIC",
      description = "What the post is about (quote it, or give it" + " as several words).")
  List<String> topic;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Bedrock model id, inference profile or ARN" + " (default: ${DEFAULT-VALUE}).")
  String model = BlogConfig.DEFAULT_MODEL_ID;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description = "Randomness, e.g. 0.5 (default: the model's).")
  Double temperature;

  @Option(
      names = "--top-p",
      paramLabel = "P",
      description = "Nucleus sampling, e.g. 0.9 (default: the model's).")
  Double topP;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "Longest answer in tokens (default:" + " ${DEFAULT-VALUE}).")
  int maxTokens = 512;

  @Option(
      names = "--system",
      paramLabel = "TEXT",
      description = "System prompt (default: a technical writer).")
  String system;

  @Option(
      names = "--aws",
      description =
          "Call Amazon Bedrock (default region and credential chains) instead of"
              + " the local emulator.")
  boolean aws;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region for --aws, e.g. us-east-1" + " (default: the SDK's region chain).")
  String region;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder to save to when there is no --bucket" + " (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("generations");

  @Option(
      names = "--bucket",
      paramLabel = "NAME",
      description = "Save to this S3 bucket instead (needs --aws).")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "P",
      description = "Key prefix in the bucket or folder (default:" + " ${DEFAULT-VALUE}).")
  String prefix = "blogs";

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "With --aws: a Bedrock Runtime endpoint to use" + " instead of AWS's (a local server).")
  URI endpoint;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "With --bucket: an S3 endpoint to use"
              + " instead of AWS's (path-style, e.g. a local S3).")
  URI s3Endpoint;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print stack traces of failures.")
  boolean verbose;

  private PrintStream stdout = System.out;
  private PrintStream stderr = System.err;

  /** Runs the CLI and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI with the process's stdout and stderr (in UTF-8) and returns the exit code. */
  public static int run(String[] args) {
    return run(
        args,
        new PrintStream(System.out, true, StandardCharsets.UTF_8),
        new PrintStream(System.err, true, StandardCharsets.UTF_8));
  }

  /**
   * Runs the CLI with the given streams (the post to {@code stdout}, the rest to {@code stderr}).
   */
  public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
    BlogCli cli = new BlogCli();
    cli.stdout = stdout;
    cli.stderr = stderr;
    CommandLine cmd = new CommandLine(cli);
    cmd.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
    cmd.setErr(new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InvalidTopicException || Cli.isUsageError(e)) {
            stderr.println("blog: " + e.getMessage());
            return 2;
          }
          stderr.println("blog: " + oneLine(e));
          if (cli.verbose) {
            e.printStackTrace(stderr);
          }
          return 1;
        });
    return cmd.execute(args);
  }

  private static String oneLine(Throwable e) {
    return Cli.oneLine(e);
  }

  @Override
  public Integer call() {
    String text = BlogWriter.checkTopic(String.join(" ", topic));
    if (bucket != null && !aws) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--bucket saves to S3 and needs --aws (offline, posts go to --out)");
    }
    if (endpoint != null && !aws) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--endpoint needs --aws");
    }
    InferenceConfig config =
        InferenceConfig.builder().maxTokens(maxTokens).temperature(temperature).topP(topP).build();
    BedrockEmulator emulator = aws ? null : BedrockEmulator.start();
    try (BedrockGenerationClient client = client(emulator);
        GenerationStore store = store()) {
      if (emulator != null) {
        stderr.println(Cli.offlineNotice("text", "Bedrock", "Amazon Bedrock"));
      } else {
        stderr.println("Calling Amazon Bedrock (" + model + ")...");
      }
      stderr.println();
      BlogWriter writer = new BlogWriter(client, store, model, config, system);
      BlogPost post =
          writer.stream(
              text,
              delta -> {
                stdout.print(delta);
                stdout.flush();
              });
      stdout.println();
      stderr.println();
      stderr.println(
          "Saved to "
              + post.uri()
              + " ("
              + post.usage().inputTokens()
              + " input, "
              + post.usage().outputTokens()
              + " output tokens, model "
              + post.modelId()
              + ")");
      stderr.println(costLine(post));
      return 0;
    } catch (InvalidRequestException | InvalidStorageKeyException e) {
      // a parameter the model cannot take, an unknown model family, a bad --prefix: usage errors
      stderr.println("blog: " + oneLine(e));
      return 2;
    } finally {
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  /**
   * What the post cost (offline: what it would have cost on Bedrock), from the shipped price table.
   */
  private String costLine(BlogPost post) {
    String where = !aws ? Cli.OFFLINE_REGION.id() : region != null ? region : defaultRegion();
    if (where == null) {
      return "Estimated cost: unknown (no AWS region configured; pass --region)";
    }
    CostEstimate cost =
        CostEstimator.create()
            .estimate(
                post.modelId(),
                where,
                post.usage(),
                PricingTier.STANDARD,
                CacheWriteTtl.FIVE_MINUTES);
    if (!cost.known()) {
      return "Estimated cost: unknown (" + cost.unknownReason() + ")";
    }
    return "Estimated cost: "
        + cost.total().orElseThrow()
        + (aws ? "" : " on Amazon Bedrock in " + where + "; the emulator is free")
        + " (on-demand prices as of "
        + cost.pricesAsOf()
        + ", see docs/cost.md)";
  }

  private static String defaultRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private BedrockGenerationClient client(BedrockEmulator emulator) {
    BedrockGenerationClient.Builder b =
        BedrockGenerationClient.builder().retryPolicy(RetryPolicy.defaults());
    if (emulator != null) {
      return b.endpointOverride(emulator.endpoint())
          .region(Cli.OFFLINE_REGION)
          .credentialsProvider(Cli.offlineCredentials())
          .build();
    }
    if (region != null) {
      b.region(Region.of(region));
    }
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    return b.build();
  }

  private GenerationStore store() {
    if (bucket == null) {
      return FileGenerationStore.builder().root(out).prefix(prefix).build();
    }
    S3GenerationStore.Builder s3 = S3GenerationStore.builder().bucket(bucket).prefix(prefix);
    if (region != null) {
      s3.region(Region.of(region));
    }
    if (s3Endpoint != null) {
      s3.endpointOverride(s3Endpoint).forcePathStyle(true);
    }
    return s3.build();
  }
}
