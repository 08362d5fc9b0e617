package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockApi;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.bedrock.codec.ClaudeMessagesCodec;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.testkit.BedrockEmulator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Where the calling thread's CPU goes in one small call over HTTP: inside the AWS SDK's call
 * (building, signing, marshalling, url-connection I/O, unmarshalling) and outside it, before (the
 * request and its body) and after (reading the answer). Every variant calls through a client that
 * wraps the same real url-connection SDK client and reads the thread's CPU clock as the SDK call
 * starts and ends; ours is given that client ({@code client(...)}), which is how the split is seen
 * from outside. The raw SDK call on the client ours builds costs the same as on the raw client (the
 * configurations match), so the SDK part is the same for both and the difference is in the outside
 * parts. Variants alternate call by call; medians per call.
 *
 * <p>Two more variants take ours' own work apart on InvokeModel: the same raw SDK call with ours'
 * {@code GenerationRequest} and Claude codec around it (f), and with the codec alone on a request
 * built once (g). So (g) − raw is the codec's encode and decode, (f) − (g) the request value, and
 * ours − (f) the runtime: resolution, the parameter check, the retry layer, the SDK request and
 * response mapping, metadata. Two more make the raw call and ours' call on the SDK's Apache 5 HTTP
 * client, beside url-connection; every row also records the call's wall time.
 */
final class CallerSplit {
  /** One variant's medians per call, in µs of the calling thread's CPU. */
  record Row(
      String label,
      String api,
      double total,
      double sdk,
      double before,
      double after,
      double wall) {}

  /** The API column of the rows on the SDK's Apache 5 HTTP client. */
  static final String APACHE = "InvokeModel, Apache 5 client";

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The variant with ours' request value and codec around a raw SDK call. */
  static final String REQUEST_AND_CODEC = "ours' request + codec, raw SDK call (f)";

  /** The variant with ours' codec alone (on a request built once) around a raw SDK call. */
  static final String CODEC_ONLY = "ours' codec only, raw SDK call (g)";

  /** Calls every variant makes before the measured ones. */
  static final int WARM_CALLS = 5_000;

  private CallerSplit() {}

  /**
   * A sync client that delegates and notes the thread's CPU clock when the SDK call starts and
   * ends.
   */
  private static final class Clocked implements BedrockRuntimeClient {
    private final BedrockRuntimeClient delegate;
    long entered;
    long left;

    Clocked(BedrockRuntimeClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public InvokeModelResponse invokeModel(InvokeModelRequest request) {
      entered = THREADS.getCurrentThreadCpuTime();
      try {
        return delegate.invokeModel(request);
      } finally {
        left = THREADS.getCurrentThreadCpuTime();
      }
    }

    @Override
    public ConverseResponse converse(ConverseRequest request) {
      entered = THREADS.getCurrentThreadCpuTime();
      try {
        return delegate.converse(request);
      } finally {
        left = THREADS.getCurrentThreadCpuTime();
      }
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {}
  }

  private record Variant(String label, String api, Clocked client, Consumer<String> call) {}

  /**
   * Runs the split.
   *
   * @param warmCalls calls every variant makes first ({@link #WARM_CALLS}, fewer for a quick run)
   * @param calls measured calls per variant
   */
  static List<Row> run(BedrockEmulator emulator, int warmCalls, int calls) {
    String prompt = Workload.Size.SMALL.prompt;
    int maxTokens = Workload.MAX_TOKENS;
    try (BedrockRuntimeClient sdk = Workload.rawSync(emulator.endpoint());
        BedrockRuntimeClient apache = Workload.rawSyncApache(emulator.endpoint())) {
      Clocked rawClient = new Clocked(sdk);
      Clocked oursClient = new Clocked(sdk);
      Clocked rawConverseClient = new Clocked(sdk);
      Clocked oursConverseClient = new Clocked(sdk);
      Clocked apacheRaw = new Clocked(apache);
      Clocked apacheOurs = new Clocked(apache);
      try (BedrockGenerationClient ours =
              BedrockGenerationClient.builder().client(oursClient).build();
          BedrockGenerationClient oursConverse =
              BedrockGenerationClient.builder()
                  .client(oursConverseClient)
                  .api(BedrockApi.CONVERSE)
                  .build();
          BedrockGenerationClient oursApache =
              BedrockGenerationClient.builder().client(apacheOurs).build()) {
        List<Variant> variants = new ArrayList<>();
        variants.add(
            new Variant(
                "raw SDK invokeModel (a)",
                "InvokeModel",
                rawClient,
                p -> rawCall(rawClient, p, maxTokens)));
        variants.add(
            new Variant(
                "genai-aws generate (b)",
                "InvokeModel",
                oursClient,
                p -> ours.generate(Workload.request(p, maxTokens)).text()));
        // ours' own work taken apart: the same raw SDK call, with ours' request value and family
        // codec around it (f), and with the codec alone on a request built once (g)
        ClaudeMessagesCodec codec = new ClaudeMessagesCodec();
        GenerationRequest built = Workload.request(prompt, maxTokens);
        Clocked requestAndCodecClient = new Clocked(sdk);
        Clocked codecClient = new Clocked(sdk);
        variants.add(
            new Variant(
                REQUEST_AND_CODEC,
                "InvokeModel",
                requestAndCodecClient,
                p -> codecCall(requestAndCodecClient, codec, Workload.request(p, maxTokens))));
        variants.add(
            new Variant(
                CODEC_ONLY, "InvokeModel", codecClient, p -> codecCall(codecClient, codec, built)));
        // the same two calls on the SDK's Apache 5 HTTP client: the url-connection client's wall
        // time includes the JDK's keep-alive probe of a reused connection before each POST
        variants.add(
            new Variant(
                "raw SDK invokeModel, Apache 5 client",
                APACHE,
                apacheRaw,
                p -> rawCall(apacheRaw, p, maxTokens)));
        variants.add(
            new Variant(
                "genai-aws generate, Apache 5 client",
                APACHE,
                apacheOurs,
                p -> oursApache.generate(Workload.request(p, maxTokens)).text()));
        variants.add(
            new Variant(
                "raw SDK converse",
                "Converse",
                rawConverseClient,
                p ->
                    rawConverseClient
                        .converse(
                            ConverseRequest.builder()
                                .modelId(Workload.MODEL_ID)
                                .messages(
                                    Message.builder()
                                        .role(ConversationRole.USER)
                                        .content(ContentBlock.fromText(p))
                                        .build())
                                .inferenceConfig(c -> c.maxTokens(maxTokens))
                                .build())
                        .output()
                        .message()
                        .content()
                        .get(0)
                        .text()));
        variants.add(
            new Variant(
                "genai-aws generate, api CONVERSE (e)",
                "Converse",
                oursConverseClient,
                p -> oursConverse.generate(Workload.request(p, maxTokens)).text()));

        for (int i = 0; i < warmCalls; i++) {
          for (Variant v : variants) {
            v.call().accept(prompt);
          }
          if (i % 1000 == 999) {
            emulator.reset();
          }
        }
        long[][][] samples = new long[variants.size()][5][calls];
        for (int i = 0; i < calls; i++) {
          for (int k = 0; k < variants.size(); k++) {
            // a rotating order, so no variant always follows the same one
            int j = (k + i) % variants.size();
            Variant v = variants.get(j);
            long w0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            v.call().accept(prompt);
            long c1 = THREADS.getCurrentThreadCpuTime();
            samples[j][4][i] = System.nanoTime() - w0;
            samples[j][0][i] = c1 - c0;
            samples[j][1][i] = v.client().left - v.client().entered;
            samples[j][2][i] = v.client().entered - c0;
            samples[j][3][i] = c1 - v.client().left;
          }
          if (i % 1000 == 999) {
            emulator.reset();
          }
        }
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < variants.size(); j++) {
          Variant v = variants.get(j);
          rows.add(
              new Row(
                  v.label(),
                  v.api(),
                  medianMicros(samples[j][0]),
                  medianMicros(samples[j][1]),
                  medianMicros(samples[j][2]),
                  medianMicros(samples[j][3]),
                  medianMicros(samples[j][4])));
        }
        Log.log("caller split: %s", rows);
        return rows;
      }
    }
  }

  /** The raw SDK call as a user writes it: the body by hand, one field read back. */
  private static String rawCall(BedrockRuntimeClient client, String prompt, int maxTokens) {
    return Workload.claudeText(invoke(client, Workload.claudeBody(prompt, maxTokens)));
  }

  /** The raw SDK call with ours' codec writing the body and reading the answer. */
  static String codecCall(
      BedrockRuntimeClient client, ClaudeMessagesCodec codec, GenerationRequest request) {
    return codec.decode(invoke(client, codec.encode(request, Workload.MODEL_ID))).text();
  }

  /** One InvokeModel call of the benchmark's model with {@code body}; the answer's bytes. */
  private static byte[] invoke(BedrockRuntimeClient client, byte[] body) {
    return client.invokeModel(Workload.invokeRequest(body)).body().asByteArrayUnsafe();
  }

  private static double medianMicros(long[] nanos) {
    double[] micros = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      micros[i] = nanos[i] / 1000.0;
    }
    java.util.Arrays.sort(micros);
    return Stats.median(micros);
  }
}
