package dev.genaiaws.samples.batch;

import dev.genaiaws.batch.BatchJob;
import dev.genaiaws.batch.BatchJobConfig;
import dev.genaiaws.batch.BatchJobStatus;
import dev.genaiaws.batch.BatchLimits;
import dev.genaiaws.batch.BatchResult;
import dev.genaiaws.batch.BatchResults;
import dev.genaiaws.batch.BedrockBatchClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.JobState;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.BedrockClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A blog post for every topic of a file, through one Bedrock batch inference job: the requests are
 * encoded, written to S3 and submitted; progress is shown while the job runs; each post is written
 * to {@code <out>/<NNNN>-<slug>.md}, joined to its topic by record id (the service does not keep
 * input order).
 *
 * <pre>
 * # offline: the built-in Bedrock emulator runs the job; S3 is a local S3 (e.g. S3Mock) whose bucket exists
 * java -jar genai-aws-samples.jar batch --topics topics.txt --s3-endpoint http://127.0.0.1:9090 --bucket blogs
 * # against AWS (the job takes minutes to hours; at least 100 topics by default)
 * java -jar genai-aws-samples.jar batch --aws --region us-east-1 --topics topics.txt --bucket my-bucket \
 *     --role-arn arn:aws:iam::123456789012:role/BedrockBatchRole --model us.anthropic.claude-3-5-haiku-20241022-v1:0
 * </pre>
 *
 * <p>Batch jobs need S3: the sample does not embed one (a local S3 such as S3Mock is far too heavy
 * to ship in a sample jar), so offline it needs {@code --s3-endpoint}. Offline the emulator accepts
 * jobs of any size ({@code --min-records 1}) and moves one status per poll, so the job ends in
 * seconds. Exit codes: 0 every post written, 1 the job or some records failed, 2 bad usage.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    version = "genai-aws batch blog sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Writes a blog post for every line of a topics file through one Bedrock batch inference job.",
      "Runs offline against the built-in Bedrock emulator (with a local S3) unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every post written", "1:the job or some records failed", "2:bad usage"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BatchBlogSample extends SampleCommand {
  /** The default model: Llama 3 8B Instruct (prompt-only family). */
  public static final String DEFAULT_MODEL_ID = "meta.llama3-8b-instruct-v1:0";

  private static final String OFFLINE_ROLE = "arn:aws:iam::123456789012:role/OfflineBatchRole";

  @Spec CommandSpec spec;

  @Option(
      names = "--topics",
      required = true,
      paramLabel = "FILE",
      description =
          "A text file, one topic per"
              + " line (blank lines and lines starting with # are skipped).")
  Path topics;

  @Option(
      names = "--bucket",
      required = true,
      paramLabel = "NAME",
      description = "The S3 bucket for the job's" + " input and output.")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "P",
      description = "Key prefix in the bucket (default: ${DEFAULT-VALUE}).")
  String prefix = "batch-blogs";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for the posts (default: ${DEFAULT-VALUE}).")
  Path postsDir = Path.of("batch-posts");

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Bedrock model or inference profile (default:" + " ${DEFAULT-VALUE}).")
  String model = DEFAULT_MODEL_ID;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "Longest post (default: ${DEFAULT-VALUE}).")
  int maxTokens = 512;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description =
          "With --aws: the service role Bedrock assumes"
              + " to read and write the bucket (see docs/batch.md).")
  String roleArn;

  @Option(
      names = "--timeout-hours",
      paramLabel = "H",
      description = "The job's time-out, 24-168 (default: 24).")
  int timeoutHours = 24;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      description =
          "How long to wait for the job, ISO-8601"
              + " (default: ${DEFAULT-VALUE}); the job keeps running after that.")
  Duration wait = Duration.ofHours(24);

  @Option(
      names = "--min-records",
      paramLabel = "N",
      description = "The minimum records per job (default: 100 with" + " --aws, 1 offline).")
  Integer minRecords;

  @Option(
      names = "--aws",
      description = "Run the job on Amazon Bedrock instead of the local emulator.")
  boolean aws;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "An S3 endpoint instead of AWS's (path-style," + " a local S3). Required offline.")
  URI s3Endpoint;

  @Mixin CommonOptions common;

  private BatchBlogSample(PrintStream out, PrintStream err) {
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

  /** Runs the sample: one line per post to {@code out}, progress and the rest to {@code err}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new BatchBlogSample(out, err).execute("batch", args);
  }

  @Override
  public Integer call() throws IOException {
    if (!aws && s3Endpoint == null) {
      throw Cli.usage(
          spec, "offline, batch jobs need a local S3: give --s3-endpoint (or use --aws)");
    }
    if (aws && roleArn == null) {
      throw Cli.usage(
          spec,
          "--aws needs --role-arn: the service role Bedrock assumes to read and write the bucket");
    }
    List<String> lines =
        Files.readAllLines(topics, StandardCharsets.UTF_8).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    if (lines.isEmpty()) {
      throw Cli.usage(spec, "no topics in " + topics);
    }
    List<GenerationRequest> requests =
        lines.stream()
            .map(
                t ->
                    GenerationRequest.builder()
                        .modelId(model)
                        .system(
                            "You are a technical writer. Write a blog post of about 200 words in Markdown, starting with a title.")
                        .user("Write a blog post about: " + t)
                        .inferenceConfig(c -> c.maxTokens(maxTokens))
                        .build())
            .toList();
    BedrockEmulator emulator = aws ? null : BedrockEmulator.start();
    Region r =
        aws ? (common.region() == null ? null : Region.of(common.region())) : Cli.OFFLINE_REGION;
    try (BedrockClient control = control(emulator, r);
        S3Client s3 = s3(r)) {
      if (emulator != null) {
        emulator.batchJobs().s3Client(s3).minRecordsPerJob(1);
        err.println(Cli.offlineNotice("posts", "Bedrock", "Amazon Bedrock batch inference"));
      }
      int min =
          minRecords != null ? minRecords : aws ? BatchLimits.defaults().minRecordsPerJob() : 1;
      AwaitPolicy pacing =
          aws
              ? AwaitPolicy.builder()
                  .initialDelay(Duration.ofSeconds(30))
                  .maxDelay(Duration.ofMinutes(5))
                  .build()
              : AwaitPolicy.builder()
                  .initialDelay(Duration.ofMillis(50))
                  .maxDelay(Duration.ofMillis(200))
                  .build();
      try (BedrockBatchClient batch =
          BedrockBatchClient.builder()
              .bedrockClient(control)
              .s3Client(s3)
              .limits(BatchLimits.defaults().withMinRecordsPerJob(min))
              .awaitPolicy(pacing)
              .build()) {
        String name =
            "blogs-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                    .format(Instant.now().atOffset(ZoneOffset.UTC));
        BatchJobConfig config =
            BatchJobConfig.builder()
                .jobName(name)
                .modelId(model)
                .roleArn(aws ? roleArn : OFFLINE_ROLE)
                .inputUri("s3://" + bucket + "/" + prefix + "/input/")
                .outputUri("s3://" + bucket + "/" + prefix + "/output/")
                .timeoutHours(timeoutHours)
                .tag("sample", "batch-blog")
                .build();
        BatchJob job = batch.submit(config, requests);
        err.println("Submitted " + requests.size() + " topics as " + job.id());
        JobSnapshot<BatchJobStatus> end =
            job.await(wait, s -> err.println("  " + s.rawStatus() + "  " + s.progress()));
        if (end.state() == JobState.FAILED
            || end.state() == JobState.EXPIRED
            || end.state() == JobState.STOPPED) {
          err.println(
              "The job ended "
                  + end.rawStatus()
                  + (end.message().isEmpty() ? "" : ": " + end.message()));
          return 1;
        }
        return write(job, lines);
      }
    } finally {
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  private int write(BatchJob job, List<String> lines) throws IOException {
    Files.createDirectories(postsDir);
    int written = 0;
    int failed = 0;
    try (BatchResults<GenerationResponse> results = job.results()) {
      for (BatchResult<GenerationResponse> r : results) {
        int i = (int) r.inputIndex();
        String topic = lines.get(i);
        if (!r.isSuccess()) {
          failed++;
          err.println("  topic " + (i + 1) + " failed: " + r.error().orElseThrow().message());
          continue;
        }
        Path file = postsDir.resolve(String.format(Locale.ROOT, "%04d-%s.md", i + 1, slug(topic)));
        Files.writeString(file, r.get().text(), StandardCharsets.UTF_8);
        out.println(file + "  " + topic);
        written++;
      }
    }
    err.println(
        "Wrote "
            + written
            + " posts to "
            + postsDir.toAbsolutePath().normalize()
            + (failed > 0 ? "; " + failed + " topics failed" : "")
            + job.manifest()
                .map(
                    m ->
                        " ("
                            + m.inputTokenCount()
                            + " input, "
                            + m.outputTokenCount()
                            + " output tokens)")
                .orElse(""));
    return failed == 0 && written == lines.size() ? 0 : 1;
  }

  static String slug(String topic) {
    String s =
        topic.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return s.isEmpty() ? "post" : s.substring(0, Math.min(40, s.length()));
  }

  private static BedrockClient control(BedrockEmulator emulator, Region region) {
    BedrockClientBuilder b = BedrockClient.builder();
    if (emulator != null) {
      b.endpointOverride(emulator.endpoint()).credentialsProvider(Cli.offlineCredentials());
    }
    if (region != null) {
      b.region(region);
    }
    return b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build();
  }

  private S3Client s3(Region region) {
    S3ClientBuilder b = S3Client.builder();
    if (s3Endpoint != null) {
      b.endpointOverride(s3Endpoint).forcePathStyle(true);
      if (!aws) {
        b.credentialsProvider(Cli.offlineCredentials());
      }
    }
    if (region != null) {
      b.region(region);
    }
    return b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build();
  }
}
