package dev.genaiaws.samples.blog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Measures the blog function's cold start: spawns {@code java -cp ... ColdStartProbe} several times
 * per variant (without and with priming, default JIT and C1 only) against the Bedrock emulator and
 * a local folder, and prints the medians. Not a test (numbers depend on the machine); run it by
 * hand, see docs/lambda.md:
 *
 * <pre>
 * mvn -B -ntp -q -pl samples -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "samples/target/test-classes:samples/target/classes:$(cat samples/target/cp.txt)" \
 *     dev.genaiaws.samples.blog.ColdStartBenchmark [runs]
 * </pre>
 */
final class ColdStartBenchmark {
  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                e ->
                    !e.contains("testkit")
                        && !e.contains("picocli")
                        && !e.contains("junit")
                        && !e.contains("assertj")
                        && !e.contains("s3mock")
                        && !e.contains("spring"))
            .collect(Collectors.joining(File.pathSeparator));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("not primed", List.of());
    variants.put("primed", List.of());
    variants.put(
        "not primed, C1 only", List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    variants.put("primed, C1 only", List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    Map<String, List<JsonNode>> results = new LinkedHashMap<>();
    variants.keySet().forEach(v -> results.put(v, new ArrayList<>()));
    ObjectMapper json = new ObjectMapper();
    Path dir = Files.createTempDirectory("cold-start");
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      for (int run = 0; run < runs + 1; run++) {
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
          List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto"));
          command.addAll(variant.getValue());
          command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName()));
          ProcessBuilder pb =
              new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
          Map<String, String> env = pb.environment();
          env.put("BLOG_BEDROCK_ENDPOINT", bedrock.endpoint().toString());
          env.put("BLOG_DIR", dir.toString());
          env.put("BLOG_PRIME_ON_INIT", String.valueOf(variant.getKey().startsWith("primed")));
          env.put("AWS_REGION", "us-east-1");
          env.put("AWS_ACCESS_KEY_ID", "test");
          env.put("AWS_SECRET_ACCESS_KEY", "test");
          env.remove("BLOG_BUCKET");
          long spawned = System.nanoTime();
          Process p = pb.start();
          String out =
              new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
          if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(variant.getKey() + " failed: " + out);
          }
          long wallMs = (System.nanoTime() - spawned) / 1_000_000;
          JsonNode line = json.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
          ((com.fasterxml.jackson.databind.node.ObjectNode) line).put("wallMs", wallMs);
          if (run > 0) { // the first round warms the OS file cache
            results.get(variant.getKey()).add(line);
          }
        }
      }
    }
    System.out.printf(
        "%-22s %8s %8s %8s %10s %8s%n",
        "variant (median of " + runs + ")", "jvm->h", "init", "1st req", "jvm->resp", "wall");
    for (Map.Entry<String, List<JsonNode>> r : results.entrySet()) {
      System.out.printf(
          "%-22s %8d %8d %8d %10d %8d   testkit on classpath: %s%n",
          r.getKey(),
          median(r.getValue(), "jvmToHandlerMs"),
          median(r.getValue(), "initMs"),
          median(r.getValue(), "firstRequestMs"),
          median(r.getValue(), "totalMs"),
          median(r.getValue(), "wallMs"),
          r.getValue().get(0).get("testkitOnClasspath").asBoolean());
    }
  }

  private static long median(List<JsonNode> lines, String field) {
    long[] values = lines.stream().mapToLong(l -> l.get(field).asLong()).sorted().toArray();
    return values[values.length / 2];
  }
}
