package dev.genaiaws.samples;

import dev.genaiaws.samples.assistant.AssistantSample;
import dev.genaiaws.samples.batch.BatchBlogSample;
import dev.genaiaws.samples.blog.BlogCli;
import dev.genaiaws.samples.chat.ChatSample;
import dev.genaiaws.samples.custom.CustomModelSample;
import dev.genaiaws.samples.embeddings.SemanticSearchSample;
import dev.genaiaws.samples.extract.ExtractSample;
import dev.genaiaws.samples.history.HistorySample;
import dev.genaiaws.samples.images.ImageSample;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.rag.RagCli;
import dev.genaiaws.samples.sagemaker.SageMakerSample;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.NullUnmarked;

/**
 * The entry point of {@code genai-aws-samples.jar}: picks a sample by its name and runs it with the
 * remaining arguments.
 *
 * <pre>
 * java -jar genai-aws-samples.jar --help                             # the samples, one line each
 * java -jar genai-aws-samples.jar "Serverless GenAI on AWS"          # the blog generator (a topic with spaces)
 * java -jar genai-aws-samples.jar blog Kubernetes                    # the same, named
 * java -jar genai-aws-samples.jar chat                               # streaming chat in the terminal
 * java -jar genai-aws-samples.jar images "a lighthouse at dawn"       # PNG files in ./images
 * java -jar genai-aws-samples.jar search "cold starts"                # semantic search over text files
 * java -jar genai-aws-samples.jar sagemaker --mode stream "Hello"     # a SageMaker endpoint
 * java -jar genai-aws-samples.jar history                             # saved generations, newest first
 * java -jar genai-aws-samples.jar assistant "Use current_time zone=Asia/Tokyo"   # Java tools, the tool loop
 * java -jar genai-aws-samples.jar extract "Meet Tuesday 10:00? - Ana, Acme"       # text to a typed record
 * java -jar genai-aws-samples.jar custom --s3-endpoint URL --bucket B qa.jsonl   # fine-tune, provision, ask
 * java -jar genai-aws-samples.jar ask --dir ./docs "How loud is it?"   # questions over documents, cited
 * java -jar genai-aws-samples.jar batch --topics t.txt --bucket b ...  # a post per topic, one batch job
 * </pre>
 *
 * <p>The first argument names the sample. Two shortcuts run the blog generator without its name: a
 * first argument with a space in it (a quoted topic) or one starting with {@code -} other than the
 * help flags ({@code --aws "topic"}). Anything else that is not a sample name is refused with exit
 * code 2 and the list of samples, so a mistyped name never becomes a blog topic. Each sample is a
 * function from its arguments to an exit code (0 ok, 1 failure, 2 bad usage); new samples add one
 * line to {@link #SAMPLES}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SamplesMain {
  private record Sample(String summary, ToIntFunction<String[]> run) {}

  private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

  static {
    SAMPLES.put(
        "blog", new Sample("write a ~200-word blog post on a topic and save it", BlogCli::run));
    SAMPLES.put(
        "chat",
        new Sample("chat in the terminal, answers streamed as they are written", ChatSample::run));
    SAMPLES.put(
        "images", new Sample("generate images from a prompt into PNG files", ImageSample::run));
    SAMPLES.put(
        "search",
        new Sample("semantic search over text files with embeddings", SemanticSearchSample::run));
    SAMPLES.put(
        "sagemaker",
        new Sample(
            "generate text with a SageMaker endpoint (real-time, stream, async)",
            SageMakerSample::run));
    SAMPLES.put("history", new Sample("list saved generations, or print one", HistorySample::run));
    SAMPLES.put(
        "assistant",
        new Sample("an assistant that calls Java tools (the tool loop)", AssistantSample::run));
    SAMPLES.put(
        "extract",
        new Sample("turn text into a typed record (structured output)", ExtractSample::run));
    SAMPLES.put(
        "custom",
        new Sample(
            "fine-tune a model, then write with it (custom model jobs)", CustomModelSample::run));
    SAMPLES.put("ask", new Sample("answer questions over documents, with citations", RagCli::run));
    SAMPLES.put(
        "batch", new Sample("a blog post per topic, as one batch job", BatchBlogSample::run));
  }

  private SamplesMain() {}

  /** Runs the sample named by the first argument and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, Cli.utf8(System.out), Cli.utf8(System.err)));
  }

  /** Like {@link #main} without exiting: returns the sample's exit code. */
  public static int run(String[] args) {
    return run(args, Cli.utf8(System.out), Cli.utf8(System.err));
  }

  /**
   * Like {@link #run(String[])} with the dispatcher's own messages (help, unknown sample) to these
   * streams.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("genai-aws-samples: name a sample, or give a quoted blog topic.");
      usage(err);
      return 2;
    }
    String first = args[0];
    if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
      usage(out);
      return 0;
    }
    Sample sample = SAMPLES.get(first);
    if (sample != null) {
      return sample.run().applyAsInt(Arrays.copyOfRange(args, 1, args.length));
    }
    if (first.startsWith("-") || first.strip().contains(" ")) {
      return SAMPLES.get("blog").run().applyAsInt(args);
    }
    String near = nearest(first);
    err.println(
        "genai-aws-samples: unknown sample '"
            + first
            + "'"
            + (near == null ? "" : " (did you mean '" + near + "'?)")
            + ". For a blog post on it, run: blog "
            + first);
    usage(err);
    return 2;
  }

  private static void usage(PrintStream out) {
    out.println("Usage: java -jar genai-aws-samples.jar SAMPLE [options] [args]");
    out.println("       java -jar genai-aws-samples.jar \"a blog topic\"     (the blog sample)");
    out.println();
    out.println("Samples (each runs offline against the built-in emulators unless given --aws):");
    SAMPLES.forEach((name, s) -> out.printf(Locale.ROOT, "  %-10s %s%n", name, s.summary()));
    out.println();
    out.println(
        "Run 'SAMPLE --help' for a sample's options. Exit codes: 0 done, 1 failed, 2 bad usage.");
  }

  /** The sample name within two edits of {@code name}, if any. */
  private static String nearest(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = 3;
    for (String candidate : SAMPLES.keySet()) {
      int d = distance(lower, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
