package dev.genaiaws.customization;

import java.util.List;

/**
 * What one base model accepts as training data for one customization type, from the AWS user guide
 * (see {@link CustomizableModel#source()}). {@code null} limits are not documented as a fixed
 * number: the service has the last word (record counts are per-account quotas, "Sum of training and
 * validation records", readable in Service Quotas; pass yours with {@link
 * CustomizationJobRequest.Builder#recordQuota}).
 *
 * @param format the record shape
 * @param validationData whether a validation file may be given
 * @param tokenLimits the largest record (input plus output tokens, estimated at 6 characters per
 *     token as AWS documents) for each batch-size band, smallest band first; empty when
 *     undocumented
 * @param minRecords the fewest records the training file may have, or {@code null}
 * @param maxRecords the most records the training file may have, or {@code null}
 * @param minCaptionChars for image captions: the shortest caption, or {@code null}
 * @param maxCaptionChars for image captions: the longest caption, or {@code null}
 * @param maxUserTurns for conversations: the most user turns a record may have ({@code 1}:
 *     single-turn only), or {@code null} for no limit
 */
public record DatasetRules(
    DataFormat format,
    boolean validationData,
    List<TokenLimit> tokenLimits,
    Integer minRecords,
    Integer maxRecords,
    Integer minCaptionChars,
    Integer maxCaptionChars,
    Integer maxUserTurns) {

  /** Characters per token AWS uses to size records ("Token quota x 6" characters per sample). */
  public static final int CHARS_PER_TOKEN = 6;

  public DatasetRules {
    tokenLimits = List.copyOf(tokenLimits);
  }

  /**
   * Up to this batch size, a record may hold at most {@code maxTokens} tokens.
   *
   * @param upToBatchSize the largest batch size of the band
   * @param maxTokens input plus output tokens per record
   */
  public record TokenLimit(int upToBatchSize, int maxTokens) {}

  /**
   * The token limit per record at {@code batchSize} ({@code null}: 1), or empty when undocumented.
   */
  public java.util.OptionalInt maxTokens(Integer batchSize) {
    int b = batchSize == null ? 1 : batchSize;
    for (TokenLimit l : tokenLimits) {
      if (b <= l.upToBatchSize()) {
        return java.util.OptionalInt.of(l.maxTokens());
      }
    }
    return java.util.OptionalInt.empty();
  }
}
