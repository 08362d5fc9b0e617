package dev.genaiaws.samples;

import dev.genaiaws.samples.assistant.AssistantSample;
import dev.genaiaws.samples.batch.BatchBlogSample;
import dev.genaiaws.samples.blog.BlogCli;
import dev.genaiaws.samples.extract.ExtractSample;
import dev.genaiaws.samples.chat.ChatSample;
import dev.genaiaws.samples.custom.CustomModelSample;
import dev.genaiaws.samples.embeddings.SemanticSearchSample;
import dev.genaiaws.samples.rag.RagCli;
import dev.genaiaws.samples.history.HistorySample;
import dev.genaiaws.samples.images.ImageSample;
import dev.genaiaws.samples.sagemaker.SageMakerSample;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.NullUnmarked;

/**
 * The entry point of {@code genai-aws-samples.jar}: picks a sample by its name and runs it with the remaining
 * arguments. Without a known sample name first, the blog generator runs with all arguments:
 *
 * <pre>
 * java -jar genai-aws-samples.jar "Serverless GenAI on AWS"          # the blog generator
 * java -jar genai-aws-samples.jar blog --help                        # the same, named
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
 * <p>Each sample is a function from its arguments to an exit code (0 ok, 1 failure, 2 bad usage); new
 * samples add one line to {@link #SAMPLES}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SamplesMain {
  private static final Map<String, ToIntFunction<String[]>> SAMPLES = new LinkedHashMap<>();

  static {
    SAMPLES.put("blog", BlogCli::run);
    SAMPLES.put("chat", ChatSample::run);
    SAMPLES.put("images", ImageSample::run);
    SAMPLES.put("search", SemanticSearchSample::run);
    SAMPLES.put("sagemaker", SageMakerSample::run);
    SAMPLES.put("history", HistorySample::run);
    SAMPLES.put("assistant", AssistantSample::run);
    SAMPLES.put("extract", ExtractSample::run);
    SAMPLES.put("custom", CustomModelSample::run);
    SAMPLES.put("ask", RagCli::run);
    SAMPLES.put("batch", BatchBlogSample::run);
  }

  private SamplesMain() {}

  /** Runs the sample named by the first argument (default: {@code blog}) and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Like {@link #main} without exiting: returns the sample's exit code. */
  public static int run(String[] args) {
    if (args.length > 0 && SAMPLES.containsKey(args[0])) {
      return SAMPLES.get(args[0]).applyAsInt(Arrays.copyOfRange(args, 1, args.length));
    }
    return SAMPLES.get("blog").applyAsInt(args);
  }
}
