package dev.genaiaws.customization;

/**
 * One problem with one training or validation record (or with a whole file).
 *
 * @param file {@code training} or {@code validation}
 * @param line the 1-based JSONL line (the example's position plus one), or 0 for the file as a
 *     whole
 * @param problem what is wrong and what to change; never the record's text
 */
public record DataViolation(String file, int line, String problem) {

  @Override
  public String toString() {
    return file + (line > 0 ? " line " + line : "") + ": " + problem;
  }
}
