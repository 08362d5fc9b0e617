package dev.genaiaws.samples.rag;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.knowledgebases.IngestionJob;
import dev.genaiaws.knowledgebases.KnowledgeBaseIngestion;
import dev.genaiaws.samples.internal.HttpApi;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.NullUnmarked;

/**
 * Starts an ingestion job of the knowledge base's data source when documents change: the target of
 * an EventBridge rule on the documents bucket's {@code Object Created} / {@code Object Deleted}
 * events (see {@code samples/rag-template.yaml}). It does not wait for the job. When a job is
 * already running the service answers {@code ConflictException}; that is logged and not retried
 * here: the running job may already see the change, and the next change starts another job (run one
 * by hand, or on a schedule, to be sure).
 *
 * <p>Environment: {@code KB_ID}, {@code KB_DATA_SOURCE_ID}, {@code AWS_REGION}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class IngestionTrigger
    implements RequestHandler<Map<String, Object>, String>, AutoCloseable {
  private final KnowledgeBaseIngestion ingestion;

  /** The constructor Lambda calls: configured from the environment. */
  public IngestionTrigger() {
    this(
        KnowledgeBaseIngestion.builder()
            .knowledgeBaseId(System.getenv("KB_ID"))
            .dataSourceId(System.getenv("KB_DATA_SOURCE_ID"))
            .build());
  }

  /** A trigger over the given ingestion (tests, local runs); {@link #close()} closes it. */
  public IngestionTrigger(KnowledgeBaseIngestion ingestion) {
    this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
  }

  /** Starts a job; returns its id, or {@code "busy"} when one is already running. */
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    try {
      IngestionJob job = ingestion.start("started by an S3 event");
      HttpApi.log(context, "started ingestion job " + job.id(), null);
      return job.id();
    } catch (GenAiServiceException e) {
      if ("ConflictException".equals(e.errorCode())) {
        HttpApi.log(context, "an ingestion job is already running; not starting another", null);
        return "busy";
      }
      throw e;
    }
  }

  @Override
  public void close() {
    ingestion.close();
  }
}
