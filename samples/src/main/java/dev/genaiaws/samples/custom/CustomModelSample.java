package dev.genaiaws.samples.custom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.JobState;
import dev.genaiaws.customization.CustomizationClient;
import dev.genaiaws.customization.CustomizationJob;
import dev.genaiaws.customization.CustomizationJobStatus;
import dev.genaiaws.customization.ProvisionedThroughput;
import dev.genaiaws.customization.TrainingExample;
import dev.genaiaws.customization.TrainingMetrics;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fine-tunes a model on question/answer pairs, serves it with provisioned throughput, asks it a
 * question and draws its training loss curve as a PNG chart.
 *
 * <pre>
 * # offline: the built-in Bedrock emulator and a local S3 (S3Mock) whose bucket exists
 * java -jar genai-aws-samples.jar custom --s3-endpoint http://127.0.0.1:9090 --bucket training qa.jsonl
 * # on AWS: trains (billed per token), then, only with --provision, buys one model unit (billed by the HOUR)
 * java -jar genai-aws-samples.jar custom --aws --bucket my-bucket --role-arn arn:aws:iam::123:role/Custom \
 *     --provision --question "How do I reset my password?" qa.jsonl
 * </pre>
 *
 * <p>The input is JSONL, one {@code {"question": "...", "answer": "..."}} per line. Every record is
 * checked against the base model's limits before anything is uploaded; the job is awaited with its
 * status on stderr; the loss curve goes to {@code --chart}; the provisioned throughput is deleted
 * at the end unless {@code --keep}. The answer goes to stdout, everything else to stderr. Exit
 * codes: 0 done, 1 a failure (including a failed job), 2 bad usage or bad training data.
 */
@Command(
    name = "custom",
    mixinStandardHelpOptions = true,
    version = "genai-aws custom-model sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Fine-tunes a model on QA_JSONL ({\"question\",\"answer\"} per line), provisions it, asks it"
          + " --question and draws the loss curve.",
      "Runs offline against the built-in Bedrock emulator and a"
          + " local S3 (--s3-endpoint) unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:the job, the model or S3 failed",
      "2:bad usage or bad training data"
    })
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CustomModelSample extends SampleCommand {
  /** Amazon Titan Text G1 - Express, the default base model. */
  public static final String TITAN_EXPRESS = "amazon.titan-text-express-v1";

  private static final String OFFLINE_ROLE = "arn:aws:iam::123456789012:role/BedrockCustomization";

  /** The emulator moves on at every poll: no need to wait seconds between them. */
  private static final AwaitPolicy OFFLINE_POLLING =
      AwaitPolicy.builder()
          .initialDelay(Duration.ofMillis(20))
          .maxDelay(Duration.ofMillis(100))
          .build();

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "QA_JSONL",
      description = "Training data: one {\"question\": ...," + " \"answer\": ...} per line.")
  Path data;

  @Option(
      names = "--bucket",
      required = true,
      paramLabel = "BUCKET",
      description = "S3 bucket for the training" + " data and the job's output (it must exist).")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "Key prefix in the bucket (default:" + " ${DEFAULT-VALUE}).")
  String prefix = "genai-aws/custom";

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Job and model name (default: custom-<time>).")
  String name;

  @Option(
      names = "--base-model",
      paramLabel = "ID",
      description = "Base model (default: ${DEFAULT-VALUE}).")
  String baseModel = TITAN_EXPRESS;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs = 2;

  @Option(
      names = "--learning-rate",
      paramLabel = "RATE",
      description = "Learning rate (default: the model's).")
  Double learningRate;

  @Option(
      names = "--question",
      paramLabel = "TEXT",
      description = "What to ask the custom model (default: the" + " first question of the data).")
  String question;

  @Option(
      names = "--chart",
      paramLabel = "FILE",
      description = "PNG file for the loss curve (default:" + " ${DEFAULT-VALUE}).")
  Path chart = Path.of("loss.png");

  @Option(
      names = "--aws",
      description = "Use Amazon Bedrock and S3 (default chains) instead of the emulator.")
  boolean aws;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description =
          "With --aws: the service role Bedrock assumes" + " (see docs/custom-models.md).")
  String roleArn;

  @Option(
      names = "--provision",
      description =
          "With --aws: buy one model unit of provisioned throughput to ask"
              + " the model (billed by the hour until deleted). Offline it is always done.")
  boolean provision;

  @Option(
      names = "--keep",
      description = "Keep the provisioned throughput instead of deleting it at the end.")
  boolean keep;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description = "Offline: a local S3 (such as S3Mock);" + " the sample does not embed one.")
  URI s3Endpoint;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long to wait for the job (ISO-8601," + " default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofHours(12);

  @Mixin CommonOptions common;

  private CustomModelSample(PrintStream out, PrintStream err) {
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
    return new CustomModelSample(out, err).execute("custom", args);
  }

  @Override
  public Integer call() throws IOException {
    if (aws && roleArn == null) {
      throw Cli.usage(
          spec, "--aws needs --role-arn, the service role Bedrock assumes to read the data");
    }
    if (!aws && s3Endpoint == null) {
      throw Cli.usage(
          spec,
          "offline needs --s3-endpoint, a local S3 (such as S3Mock) whose bucket exists; the"
              + " sample does not embed one");
    }
    List<String[]> pairs = readPairs(data);
    List<TrainingExample> examples = new ArrayList<>();
    pairs.forEach(p -> examples.add(TrainingExample.promptCompletion(p[0], p[1])));
    String jobName = name != null ? name : "custom-" + System.currentTimeMillis();
    String ask = question != null ? question : pairs.get(0)[0];

    BedrockEmulator emulator = aws ? null : BedrockEmulator.start();
    S3Client s3 = s3Client();
    BedrockClient control = controlClient(emulator);
    try (S3GenerationStore store = S3GenerationStore.builder().s3Client(s3).bucket(bucket).build();
        CustomizationClient customization =
            CustomizationClient.builder()
                .bedrockClient(control)
                .awaitPolicy(aws ? AwaitPolicy.defaults() : OFFLINE_POLLING)
                .build()) {
      if (emulator != null) {
        emulator.s3Client(s3).customizationPolls(1);
        err.println(Cli.offlineNotice("a custom model", "Bedrock", "Amazon Bedrock"));
      }
      CustomizationJob job =
          customization.submit(
              r ->
                  r.jobName(jobName)
                      .customModelName(jobName + "-model")
                      .roleArn(aws ? roleArn : OFFLINE_ROLE)
                      .baseModelId(baseModel)
                      .trainingExamples(examples)
                      .dataStore(store)
                      .dataPrefix(prefix)
                      .outputS3Uri("s3://" + bucket + "/" + prefix + "/output/")
                      .hyperParameters(h -> h.epochCount(epochs).learningRate(learningRate)));
      err.println("Submitted " + job.id() + " (" + examples.size() + " records)");
      JobSnapshot<CustomizationJobStatus> done =
          job.await(timeout, s -> err.println("  job: " + s.rawStatus()));
      if (done.state() != JobState.SUCCEEDED) {
        err.println("custom: the job ended " + done.rawStatus() + ": " + done.message());
        return 1;
      }
      String model = job.customModelArn().orElseThrow();
      err.println("Custom model: " + model);
      TrainingMetrics metrics = job.metrics(store);
      drawLossCurve(metrics, chart, jobName);
      err.println(
          "Loss curve ("
              + metrics.training().size()
              + " steps) saved to "
              + chart.toAbsolutePath());
      if (aws && !provision) {
        err.println(
            "Not provisioning (no --provision): provisioned throughput bills by the hour. Ask the model"
                + " after buying throughput for "
                + model);
        return 0;
      }
      err.println(
          aws
              ? "Buying 1 model unit of provisioned throughput: billed BY THE HOUR until deleted"
              : "");
      ProvisionedThroughput pt =
          customization.provision(p -> p.name(jobName + "-pt").modelId(model).modelUnits(1));
      try {
        pt.await(Duration.ofHours(1), s -> err.println("  throughput: " + s.rawStatus()));
        try (BedrockGenerationClient client = generationClient(emulator, control)) {
          GenerationResponse answer =
              client.generate(
                  r -> r.modelId(pt.arn()).user(ask).inferenceConfig(c -> c.maxTokens(200)));
          out.println(answer.text().strip());
        }
      } finally {
        if (keep) {
          err.println("Kept " + pt.arn() + ": delete it when done, it bills by the hour");
        } else {
          pt.delete();
          err.println("Deleted the provisioned throughput");
        }
      }
      return 0;
    } finally {
      control.close();
      s3.close();
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  private List<String[]> readPairs(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String[]> pairs = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(lines.get(i));
      if (!n.path("question").isTextual() || !n.path("answer").isTextual()) {
        throw Cli.usage(
            spec, file + " line " + (i + 1) + " needs string fields \"question\" and \"answer\"");
      }
      pairs.add(new String[] {n.get("question").asText(), n.get("answer").asText()});
    }
    if (pairs.isEmpty()) {
      throw Cli.usage(spec, file + " has no question/answer pairs");
    }
    return pairs;
  }

  /** Draws training (and validation) loss against the step as a PNG. */
  static void drawLossCurve(TrainingMetrics metrics, Path file, String title) throws IOException {
    XYChart c =
        new XYChartBuilder()
            .width(800)
            .height(450)
            .title("Loss of " + title)
            .xAxisTitle("step")
            .yAxisTitle("loss")
            .build();
    c.addSeries(
        "training",
        metrics.training().stream().map(p -> (double) p.step()).toList(),
        metrics.training().stream().map(TrainingMetrics.Point::loss).toList());
    if (!metrics.validation().isEmpty()) {
      c.addSeries(
          "validation",
          metrics.validation().stream().map(p -> (double) p.step()).toList(),
          metrics.validation().stream().map(TrainingMetrics.Point::loss).toList());
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BitmapEncoder.saveBitmap(
        c, file.toString().replaceAll("(?i)\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
  }

  @SuppressWarnings(
      "deprecation") // SDK 2.57 deprecates the Apache 4 client for apache5-client, which we exclude
  private S3Client s3Client() {
    var b = S3Client.builder();
    if (!aws) {
      b.endpointOverride(s3Endpoint)
          .forcePathStyle(true)
          .region(Cli.OFFLINE_REGION)
          .credentialsProvider(Cli.offlineCredentials());
    } else if (common.region() != null) {
      b.region(Region.of(common.region()));
    }
    return b.httpClient(ApacheHttpClient.create()).build();
  }

  @SuppressWarnings(
      "deprecation") // SDK 2.57 deprecates the Apache 4 client for apache5-client, which we exclude
  private BedrockClient controlClient(BedrockEmulator emulator) {
    var b = BedrockClient.builder().httpClient(ApacheHttpClient.create());
    if (emulator != null) {
      b.endpointOverride(emulator.endpoint())
          .region(Cli.OFFLINE_REGION)
          .credentialsProvider(Cli.offlineCredentials());
    } else if (common.region() != null) {
      b.region(Region.of(common.region()));
    }
    return b.build();
  }

  private BedrockGenerationClient generationClient(
      BedrockEmulator emulator, BedrockClient control) {
    BedrockGenerationClient.Builder b =
        BedrockGenerationClient.builder().retryPolicy(RetryPolicy.defaults()).modelLookup(control);
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
}
