package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;

/**
 * Where a passage came from: the data source type ({@code S3}, {@code WEB}, {@code CONFLUENCE},
 * {@code SALESFORCE}, {@code SHAREPOINT}, {@code CUSTOM}, {@code KENDRA}, {@code SQL}, ...) and the
 * address of the document in it ({@code s3://bucket/key}, a web URL, a page URL, a custom document
 * id, ...).
 *
 * @param type the location type as the service names it
 * @param uri the document's address, or {@code null} when the type has none
 */
public record SourceLocation(String type, String uri) {
  public SourceLocation {
    Checks.notNull(type, "type");
  }
}
