package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockApi;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.bedrock.codec.ClaudeMessagesCodec;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.testkit.BedrockEmulator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * What ours adds per call with the HTTP exchange taken out: every variant calls a {@link
 * BedrockRuntimeClient} that answers at once with a response the emulator gave once over real HTTP
 * (kept and handed back each time), so the calling thread's CPU and allocation are those of the
 * request building, encoding, decoding and bookkeeping on either side, without the SDK's pipeline,
 * signing and socket I/O that both share. Deterministic enough to attribute: the difference between
 * ours and raw here is exactly what ours adds on the calling thread (the shared SDK pipeline being
 * the same for both, as the JFR profiles show).
 */
final class InProcess {
  record Row(String key, String label, double cpuMicros, double bytes) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private InProcess() {}

  /** A client that answers every call with the recorded responses. */
  static BedrockRuntimeClient replaying(InvokeModelResponse invoke, ConverseResponse converse) {
    return new BedrockRuntimeClient() {
      @Override
      public InvokeModelResponse invokeModel(InvokeModelRequest request) {
        return invoke;
      }

      @Override
      public ConverseResponse converse(ConverseRequest request) {
        return converse;
      }

      @Override
      public String serviceName() {
        return "bedrock";
      }

      @Override
      public void close() {}
    };
  }

  static List<Row> run(BedrockEmulator emulator, int rounds) {
    String prompt = Workload.Size.SMALL.prompt;
    int maxTokens = Workload.MAX_TOKENS;
    InvokeModelResponse invoke;
    ConverseResponse converse;
    try (BedrockRuntimeClient real = Workload.rawSync(emulator.endpoint())) {
      invoke = real.invokeModel(Workload.invokeRequest(Workload.claudeBody(prompt, maxTokens)));
      converse =
          real.converse(
              b ->
                  b.modelId(Workload.MODEL_ID)
                      .messages(
                          Message.builder()
                              .role(ConversationRole.USER)
                              .content(ContentBlock.fromText(prompt))
                              .build())
                      .inferenceConfig(c -> c.maxTokens(maxTokens)));
    }
    BedrockRuntimeClient fake = replaying(invoke, converse);
    List<Row> rows = new ArrayList<>();
    try (BedrockGenerationClient ours = BedrockGenerationClient.builder().client(fake).build();
        BedrockGenerationClient oursConverse =
            BedrockGenerationClient.builder().client(fake).api(BedrockApi.CONVERSE).build()) {
      List<Object[]> variants = new ArrayList<>();
      variants.add(
          new Object[] {
            "raw",
            "raw invokeModel + hand-written JSON",
            (Function<String, String>)
                p ->
                    Workload.claudeText(
                        fake.invokeModel(Workload.invokeRequest(Workload.claudeBody(p, maxTokens)))
                            .body()
                            .asByteArrayUnsafe())
          });
      variants.add(
          new Object[] {
            "ours",
            "genai-aws generate (InvokeModel)",
            (Function<String, String>)
                p -> {
                  GenerationRequest r = Workload.request(p, maxTokens);
                  return ours.generate(r).text();
                }
          });
      variants.add(
          new Object[] {
            "rawConverse",
            "raw converse",
            (Function<String, String>)
                p ->
                    fake.converse(
                            b ->
                                b.modelId(Workload.MODEL_ID)
                                    .messages(
                                        Message.builder()
                                            .role(ConversationRole.USER)
                                            .content(ContentBlock.fromText(p))
                                            .build())
                                    .inferenceConfig(c -> c.maxTokens(maxTokens)))
                        .output()
                        .message()
                        .content()
                        .get(0)
                        .text()
          });
      variants.add(
          new Object[] {
            "oursConverse",
            "genai-aws generate (Converse)",
            (Function<String, String>)
                p -> oursConverse.generate(Workload.request(p, maxTokens)).text()
          });
      int calls = 20_000;
      for (Object[] v : variants) { // warm-up
        @SuppressWarnings("unchecked")
        Function<String, String> call = (Function<String, String>) v[2];
        for (int i = 0; i < calls; i++) {
          var unused = call.apply(prompt);
        }
      }
      double[][] cpu = new double[variants.size()][rounds];
      double[][] bytes = new double[variants.size()][rounds];
      long tid = Thread.currentThread().getId();
      for (int r = 0; r < rounds; r++) {
        for (int j = 0; j < variants.size(); j++) {
          int idx = (j + r) % variants.size();
          @SuppressWarnings("unchecked")
          Function<String, String> call = (Function<String, String>) variants.get(idx)[2];
          long a0 = THREADS.getThreadAllocatedBytes(tid);
          long c0 = THREADS.getCurrentThreadCpuTime();
          for (int i = 0; i < calls; i++) {
            var unused = call.apply(prompt);
          }
          cpu[idx][r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1000.0 / calls;
          bytes[idx][r] = (THREADS.getThreadAllocatedBytes(tid) - a0) / (double) calls;
        }
      }
      for (int j = 0; j < variants.size(); j++) {
        double[] c = cpu[j].clone();
        double[] b = bytes[j].clone();
        java.util.Arrays.sort(c);
        java.util.Arrays.sort(b);
        rows.add(
            new Row(
                (String) variants.get(j)[0],
                (String) variants.get(j)[1],
                Stats.median(c),
                Stats.median(b)));
      }
      String note = ", caches cold (" + (COLD_WALK_BYTES >> 20) + " MiB walked before each call)";
      for (int api = 0; api < 2; api++) { // InvokeModel's pair, then Converse's
        rows.addAll(
            cold(
                List.of(variants.get(2 * api), variants.get(2 * api + 1)),
                prompt,
                COLD_WALK_BYTES,
                COLD_CALLS,
                COLD_ROUNDS,
                "Cold",
                note));
      }
      rows.addAll(fullyCold(fake, variants.get(0), variants.get(1), prompt, maxTokens));
    }
    Log.log("in-process (no HTTP): %s", rows);
    return rows;
  }

  /**
   * Bytes of memory walked before each call of the cold rows: eight times this machine's L2 cache
   * per core (2 MiB), and more 4 KiB pages than its TLB maps.
   */
  static final int COLD_WALK_BYTES = 16 << 20;

  /** Calls per variant and round of the cold rows, and rounds. */
  static final int COLD_CALLS = 1500;

  static final int COLD_ROUNDS = 5;

  /**
   * Bytes walked before each call of the fully cold rows: sixteen times the cold rows' walk, so
   * that more of what a call touches has left the last-level cache too, as it may between two calls
   * of one of many callers taking turns on few cores (raw's call then costs 3–4 times its cold
   * rows' figure).
   */
  static final int FULL_COLD_WALK_BYTES = 256 << 20;

  /**
   * Calls per variant and round of the fully cold rows (each walk takes tens of ms), and rounds.
   */
  static final int FULL_COLD_CALLS = 200;

  static final int FULL_COLD_ROUNDS = 3;

  /**
   * With every cache cold: raw, ours' codec alone around the replayed call (g), ours' request value
   * and codec (f), and ours' whole call, rotating call by call, so that the runtime's share (ours −
   * f) and the codec's (g − raw) can be read apart, as in the split over HTTP.
   */
  private static List<Row> fullyCold(
      BedrockRuntimeClient fake, Object[] raw, Object[] ours, String prompt, int maxTokens) {
    ClaudeMessagesCodec codec = new ClaudeMessagesCodec();
    GenerationRequest built = Workload.request(prompt, maxTokens);
    Object[] codecOnly = {
      "codec",
      "ours' codec only around the same call (g)",
      (Function<String, String>) p -> CallerSplit.codecCall(fake, codec, built)
    };
    Object[] requestAndCodec = {
      "requestCodec",
      "ours' request value and codec around the same call (f)",
      (Function<String, String>)
          p -> CallerSplit.codecCall(fake, codec, Workload.request(p, maxTokens))
    };
    for (Object[] v : List.of(codecOnly, requestAndCodec)) {
      @SuppressWarnings("unchecked")
      Function<String, String> call = (Function<String, String>) v[2];
      for (int i = 0; i < 20_000; i++) {
        var unused = call.apply(prompt);
      }
    }
    return cold(
        List.of(raw, codecOnly, requestAndCodec, ours),
        prompt,
        FULL_COLD_WALK_BYTES,
        FULL_COLD_CALLS,
        FULL_COLD_ROUNDS,
        "FullCold",
        ", every cache cold (" + (FULL_COLD_WALK_BYTES >> 20) + " MiB walked before each call)");
  }

  /**
   * The given variants' calls again, rotating call by call with {@code walkBytes} of memory walked
   * before each, and each timed alone: the same code as above with the caches and the TLB cold, as
   * they are after the socket I/O and the emulator's work between two HTTP calls. Each row's key is
   * the variant's with {@code suffix}.
   */
  private static List<Row> cold(
      List<Object[]> variants,
      String prompt,
      int walkBytes,
      int callsPerRound,
      int rounds,
      String suffix,
      String note) {
    int n = variants.size();
    List<Function<String, String>> calls = new ArrayList<>();
    for (Object[] v : variants) {
      @SuppressWarnings("unchecked")
      Function<String, String> call = (Function<String, String>) v[2];
      calls.add(call);
    }
    byte[] memory = new byte[walkBytes];
    long tid = Thread.currentThread().getId();
    double[][] cpu = new double[n][rounds];
    double[][] bytes = new double[n][rounds];
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long[] c = new long[n];
      long[] b = new long[n];
      for (int i = 0; i < callsPerRound; i++) {
        for (int v = 0; v < n; v++) {
          int k = (v + i) % n; // a rotating order: no variant always first
          sink += walk(memory);
          long a0 = THREADS.getThreadAllocatedBytes(tid);
          long c0 = THREADS.getCurrentThreadCpuTime();
          sink += calls.get(k).apply(prompt).length();
          c[k] += THREADS.getCurrentThreadCpuTime() - c0;
          b[k] += THREADS.getThreadAllocatedBytes(tid) - a0;
        }
      }
      for (int k = 0; k < n; k++) {
        cpu[k][r] = c[k] / 1000.0 / callsPerRound;
        bytes[k][r] = b[k] / (double) callsPerRound;
      }
    }
    Log.log("cold-cache walk checksum %d", sink);
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double[] c = cpu[k].clone();
      double[] b = bytes[k].clone();
      java.util.Arrays.sort(c);
      java.util.Arrays.sort(b);
      Object[] v = variants.get(k);
      rows.add(new Row(v[0] + suffix, v[1] + note, Stats.median(c), Stats.median(b)));
    }
    return rows;
  }

  /** Reads and writes one byte of every 64-byte line of {@code memory}. */
  private static long walk(byte[] memory) {
    long s = 0;
    for (int i = 0; i < memory.length; i += 64) {
      s += memory[i];
      memory[i] = (byte) s;
    }
    return s;
  }
}
