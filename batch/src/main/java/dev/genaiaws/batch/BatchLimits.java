package dev.genaiaws.batch;

import dev.genaiaws.core.exception.InvalidRequestException;

/**
 * The service quotas a batch job's input must keep to. They are per account and Region (Service
 * Quotas, service "Amazon Bedrock": <i>Minimum number of records per batch inference job</i>,
 * <i>Records per input file per batch inference job</i>, <i>Records per batch inference job</i>,
 * <i>Batch inference input file size</i>, <i>Batch inference job size</i>); the defaults here are
 * the commonly published defaults, so raise them when your account's quotas were raised. The client
 * checks them before writing anything and splits the input into files within the per-file limits.
 *
 * @param minRecordsPerJob fewest records a job accepts (default 100)
 * @param maxRecordsPerJob most records in one job (default 50,000)
 * @param maxRecordsPerFile most records in one input file (default 50,000)
 * @param maxFileBytes largest input file, in bytes (default 1 GiB)
 * @param maxJobBytes largest total input, in bytes (default 5 GiB)
 */
public record BatchLimits(
    int minRecordsPerJob,
    int maxRecordsPerJob,
    int maxRecordsPerFile,
    long maxFileBytes,
    long maxJobBytes) {
  private static final BatchLimits DEFAULTS =
      new BatchLimits(100, 50_000, 50_000, 1L << 30, 5L << 30);

  public BatchLimits {
    if (minRecordsPerJob < 1
        || maxRecordsPerJob < minRecordsPerJob
        || maxRecordsPerFile < 1
        || maxFileBytes < 1
        || maxJobBytes < maxFileBytes) {
      throw new InvalidRequestException(
          "batch limits must satisfy 1 <= minRecordsPerJob <= maxRecordsPerJob,"
              + " maxRecordsPerFile >= 1 and 1 <= maxFileBytes <= maxJobBytes, but were "
              + minRecordsPerJob
              + ", "
              + maxRecordsPerJob
              + ", "
              + maxRecordsPerFile
              + ", "
              + maxFileBytes
              + ", "
              + maxJobBytes);
    }
  }

  /** The commonly published default quotas. */
  public static BatchLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another minimum record count. */
  public BatchLimits withMinRecordsPerJob(int min) {
    return new BatchLimits(min, maxRecordsPerJob, maxRecordsPerFile, maxFileBytes, maxJobBytes);
  }

  /** These limits with another maximum record count per job. */
  public BatchLimits withMaxRecordsPerJob(int max) {
    return new BatchLimits(minRecordsPerJob, max, maxRecordsPerFile, maxFileBytes, maxJobBytes);
  }

  /** These limits with other per-file limits. */
  public BatchLimits withFileLimits(int maxRecords, long maxBytes) {
    return new BatchLimits(
        minRecordsPerJob, maxRecordsPerJob, maxRecords, maxBytes, Math.max(maxJobBytes, maxBytes));
  }
}
