package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * What an ingestion job did with the data source's documents, as the service counts them.
 *
 * @param scanned source documents scanned (new, modified and unchanged)
 * @param metadataScanned {@code .metadata.json} files scanned
 * @param newIndexed new documents indexed
 * @param modifiedIndexed modified documents re-indexed
 * @param deleted documents removed from the index because they left the data source
 * @param failed documents that could not be ingested
 * @param failureReasons the service's reasons (each usually names the files concerned)
 */
public record IngestionStatistics(
    long scanned,
    long metadataScanned,
    long newIndexed,
    long modifiedIndexed,
    long deleted,
    long failed,
    List<String> failureReasons) {
  public IngestionStatistics {
    failureReasons = Checks.copyOf(failureReasons, "failureReasons");
  }

  /** Nothing counted yet. */
  public static IngestionStatistics none() {
    return new IngestionStatistics(0, 0, 0, 0, 0, 0, List.of());
  }

  /** Documents indexed by this job, new or modified. */
  public long indexed() {
    return newIndexed + modifiedIndexed;
  }

  /** Scanned documents that needed no work (already indexed and unchanged). */
  public long unchanged() {
    return Math.max(0, scanned - newIndexed - modifiedIndexed - failed);
  }

  @Override
  public String toString() {
    return "IngestionStatistics[scanned="
        + scanned
        + ", new="
        + newIndexed
        + ", modified="
        + modifiedIndexed
        + ", deleted="
        + deleted
        + ", failed="
        + failed
        + ", metadataScanned="
        + metadataScanned
        + "]";
  }
}
