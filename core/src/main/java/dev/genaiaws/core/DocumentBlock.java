package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A document for the model to read: a PDF, spreadsheet, Word file, web page or text, given as bytes
 * or as plain text. With {@code citations} on, the answer says which span of which document
 * supports it ({@link CitationsBlock}).
 *
 * <pre>{@code
 * DocumentBlock pdf = DocumentBlock.of("annual-report", "pdf", Files.readAllBytes(Path.of("report.pdf")));
 * DocumentBlock notes = DocumentBlock.ofText("notes", "The meeting moved to Friday.").withCitations();
 * }</pre>
 *
 * @param name a neutral name (1 to 200 characters; letters, digits, spaces, hyphens, parentheses,
 *     brackets); it is part of the prompt, so keep it free of instructions
 * @param format {@code pdf}, {@code csv}, {@code doc}, {@code docx}, {@code xls}, {@code xlsx},
 *     {@code html}, {@code txt} or {@code md}
 * @param bytes the file, or {@code null} when {@code text} is given (copied in and out)
 * @param text the document as text, or {@code null} when {@code bytes} are given
 * @param citations whether the answer should cite this document
 */
public record DocumentBlock(
    String name, String format, byte @Nullable [] bytes, @Nullable String text, boolean citations)
    implements ContentBlock {
  /** The formats Bedrock reads. */
  public static final List<String> FORMATS =
      List.of("pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md");

  public DocumentBlock {
    Checks.notBlank(name, "document name");
    if (name.length() > 200) {
      throw new InvalidRequestException(
          "document name must be at most 200 characters but was " + name.length());
    }
    Checks.notBlank(format, "document format");
    format = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new InvalidRequestException(
          "document format must be one of " + FORMATS + " but was '" + format + "'");
    }
    if ((bytes == null) == (text == null)) {
      throw new InvalidRequestException(
          "a document holds either bytes or text, exactly one of them");
    }
    if (bytes != null) {
      if (bytes.length == 0) {
        throw new InvalidRequestException("document bytes must not be empty");
      }
      bytes = bytes.clone();
    }
  }

  /** A document from its file bytes. */
  public static DocumentBlock of(String name, String format, byte[] bytes) {
    return new DocumentBlock(name, format, bytes, null, false);
  }

  /** A plain-text document. */
  public static DocumentBlock ofText(String name, String text) {
    return new DocumentBlock(name, "txt", null, text, false);
  }

  /** A copy whose answer should cite it. */
  public DocumentBlock withCitations() {
    return new DocumentBlock(name, format, bytes, text, true);
  }

  @Override
  public byte @Nullable [] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DocumentBlock d
        && name.equals(d.name)
        && format.equals(d.format)
        && Arrays.equals(bytes, d.bytes)
        && Objects.equals(text, d.text)
        && citations == d.citations;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, format, Arrays.hashCode(bytes), text, citations);
  }

  @Override
  public String toString() {
    return "DocumentBlock["
        + format
        + ", "
        + (bytes != null ? bytes.length + " bytes" : (text == null ? 0 : text.length()) + " chars")
        + (citations ? ", citations" : "")
        + "]";
  }
}
