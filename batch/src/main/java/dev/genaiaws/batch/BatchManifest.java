package dev.genaiaws.batch;

/**
 * The totals Bedrock writes to {@code manifest.json.out} next to a job's results.
 *
 * @param totalRecordCount records in the input
 * @param processedRecordCount records processed
 * @param successRecordCount records with a model output
 * @param errorRecordCount records with an error
 * @param inputTokenCount input tokens over all records
 * @param outputTokenCount output tokens over all records
 */
public record BatchManifest(
    long totalRecordCount,
    long processedRecordCount,
    long successRecordCount,
    long errorRecordCount,
    long inputTokenCount,
    long outputTokenCount) {}
