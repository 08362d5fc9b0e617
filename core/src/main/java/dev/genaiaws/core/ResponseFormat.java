package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.JsonRecords;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Asks for the answer as JSON that follows a schema (native structured output where the model
 * supports it). Give the schema, or derive it from a record and read the answer back as that
 * record:
 *
 * <pre>{@code
 * record Invoice(String customer, double total, List<String> items) {}
 * GenerationResponse r = client.generate(req -> req.modelId(model)
 *     .user("Extract the invoice: ...")
 *     .responseFormat(ResponseFormat.of(Invoice.class)));
 * Invoice invoice = r.as(Invoice.class);
 * }</pre>
 *
 * @param name a name for the schema (letters, digits, {@code _}, {@code -}; 1 to 64)
 * @param description what the JSON is, or {@code null}
 * @param schema the JSON Schema, an object
 */
public record ResponseFormat(String name, @Nullable String description, JsonValue schema) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  public ResponseFormat {
    Checks.notBlank(name, "response format name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "response format name must be 1 to 64 letters, digits, '_' or '-' but was '"
              + name
              + "'");
    }
    Checks.notNull(schema, "schema");
    if (!schema.isObject()) {
      throw new InvalidRequestException("the response format schema must be a JSON Schema object");
    }
  }

  /** The schema derived from a record's components, named after the record. */
  public static ResponseFormat of(Class<? extends Record> type) {
    return new ResponseFormat(type.getSimpleName(), null, JsonRecords.schemaOf(type));
  }

  /** A named schema. */
  public static ResponseFormat of(String name, JsonValue schema) {
    return new ResponseFormat(name, null, schema);
  }

  @Override
  public String toString() {
    return "ResponseFormat[" + name + "]";
  }
}
