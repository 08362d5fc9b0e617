package dev.genaiaws.customization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.customization.internal.Jsonl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.jspecify.annotations.NullUnmarked;

/**
 * Writes training data as the JSONL a base model takes, and checks files against the model's
 * documented limits, reporting every problem at once with its line number.
 *
 * <pre>{@code
 * CustomizableModel model = CustomizableModel.of("amazon.titan-text-express-v1");
 * byte[] jsonl = TrainingData.toJsonl(examples);
 * List<DataViolation> problems = TrainingData.check(model, CustomizationType.FINE_TUNING, hp, jsonl, null, null);
 * }</pre>
 *
 * <p>{@link CustomizationClient#submit} does both before uploading, so a bad record fails the call,
 * not a training job an hour later. Checked per record: valid JSON object; the model's format and
 * its required fields; the size (input plus output at 6 characters per token, against the model's
 * limit for the batch size); conversation rules (schema version, user first, alternating roles,
 * assistant last, text only, the model's turn limit); image references ({@code s3://} PNG or JPEG)
 * and caption length. Per file: empty or not allowed (validation data for models that take none)
 * and the record counts.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class TrainingData {
  /** The conversation schema version Bedrock requires on every conversation record. */
  public static final String CONVERSATION_SCHEMA = "bedrock-conversation-2024";

  private TrainingData() {}

  /** One JSONL line per example, in order, UTF-8, each ending with a newline. */
  public static byte[] toJsonl(List<? extends TrainingExample> examples) {
    Checks.notNull(examples, "examples");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < examples.size(); i++) {
      TrainingExample e = Checks.notNull(examples.get(i), "examples[" + i + "]");
      out.writeBytes(Jsonl.write(record(e)));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** The JSON record an example is written as. */
  static ObjectNode record(TrainingExample example) {
    ObjectNode o = Jsonl.object();
    if (example instanceof TrainingExample.PromptCompletion p) {
      o.put("prompt", p.prompt()).put("completion", p.completion());
    } else if (example instanceof TrainingExample.UnlabeledText t) {
      o.put("input", t.input());
    } else if (example instanceof TrainingExample.ImageCaption i) {
      o.put("image-ref", i.imageRef()).put("caption", i.caption());
    } else if (example instanceof TrainingExample.Conversation c) {
      o.put("schemaVersion", CONVERSATION_SCHEMA);
      if (c.system() != null) {
        o.putArray("system").addObject().put("text", c.system());
      }
      ArrayNode messages = o.putArray("messages");
      for (Message m : c.messages()) {
        ObjectNode msg = messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT));
        ArrayNode content = msg.putArray("content");
        for (ContentBlock b : m.content()) {
          // a non-text block is written as an empty object so that check() reports it by line
          ObjectNode block = content.addObject();
          if (b instanceof TextBlock t) {
            block.put("text", t.text());
          }
        }
      }
    }
    return o;
  }

  /**
   * Every problem of a training file and an optional validation file for {@code type} of {@code
   * model}.
   *
   * @param hyperParameters the job's settings (the batch size picks the record-size limit); may be
   *     null
   * @param training the training JSONL
   * @param validation the validation JSONL, or {@code null}
   * @param recordQuota your account's "Sum of training and validation records" quota, or {@code
   *     null}
   * @return the violations in file and line order; empty when the data is fine
   */
  public static List<DataViolation> check(
      CustomizableModel model,
      CustomizationType type,
      HyperParameters hyperParameters,
      byte[] training,
      byte[] validation,
      Integer recordQuota) {
    DatasetRules rules = model.rules(type);
    Integer batch = hyperParameters == null ? null : hyperParameters.batchSize();
    List<DataViolation> out = new ArrayList<>();
    int trainingRecords =
        checkFile("training", Checks.notNull(training, "training"), rules, batch, model, out);
    int validationRecords = 0;
    if (validation != null) {
      if (!rules.validationData()) {
        out.add(
            new DataViolation(
                "validation",
                0,
                model.modelId() + " takes no validation data for " + type + "; leave it out"));
      } else {
        validationRecords = checkFile("validation", validation, rules, batch, model, out);
      }
    }
    if (rules.minRecords() != null && trainingRecords < rules.minRecords()) {
      out.add(
          new DataViolation(
              "training",
              0,
              "has "
                  + trainingRecords
                  + " records but "
                  + model.modelId()
                  + " needs at least "
                  + rules.minRecords()));
    }
    if (rules.maxRecords() != null && trainingRecords > rules.maxRecords()) {
      out.add(
          new DataViolation(
              "training",
              0,
              "has "
                  + trainingRecords
                  + " records but "
                  + model.modelId()
                  + " takes at most "
                  + rules.maxRecords()
                  + "; drop or merge records"));
    }
    if (recordQuota != null && trainingRecords + validationRecords > recordQuota) {
      out.add(
          new DataViolation(
              "training",
              0,
              "training plus validation records ("
                  + (trainingRecords + validationRecords)
                  + ") exceed the record quota "
                  + recordQuota
                  + "; drop records or raise the quota in Service Quotas"));
    }
    return out;
  }

  private static int checkFile(
      String file,
      byte[] jsonl,
      DatasetRules rules,
      Integer batch,
      CustomizableModel model,
      List<DataViolation> out) {
    String text = new String(jsonl, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      out.add(new DataViolation(file, 0, "is empty; it needs one JSON record per line"));
      return 0;
    }
    String[] lines = text.split("\r?\n", -1);
    int last = lines.length;
    while (last > 0 && lines[last - 1].isEmpty()) {
      last--;
    }
    int records = 0;
    for (int i = 0; i < last; i++) {
      int line = i + 1;
      if (lines[i].isBlank()) {
        out.add(new DataViolation(file, line, "is blank; remove empty lines between records"));
        continue;
      }
      records++;
      JsonNode node = Jsonl.parse(lines[i]);
      if (node == null || !node.isObject()) {
        out.add(
            new DataViolation(file, line, "is not a JSON object; write one {...} record per line"));
        continue;
      }
      checkRecord(file, line, node, rules, batch, model, out);
    }
    return records;
  }

  private static void checkRecord(
      String file,
      int line,
      JsonNode r,
      DatasetRules rules,
      Integer batch,
      CustomizableModel model,
      List<DataViolation> out) {
    int chars =
        switch (rules.format()) {
          case PROMPT_COMPLETION ->
              requiredText(r, "prompt", file, line, false, out)
                  + requiredText(r, "completion", file, line, true, out);
          case UNLABELED_TEXT -> requiredText(r, "input", file, line, true, out);
          case IMAGE_CAPTION -> image(r, file, line, rules, out);
          case CONVERSATION -> conversation(r, file, line, rules, model, out);
        };
    if (rules.format() != DataFormat.CONVERSATION && otherFormat(r, rules.format()) != null) {
      out.add(
          new DataViolation(
              file,
              line,
              "is a "
                  + otherFormat(r, rules.format())
                  + " record but "
                  + model.modelId()
                  + " takes "
                  + rules.format()
                  + " records here"));
    }
    OptionalInt maxTokens = rules.maxTokens(batch);
    if (maxTokens.isPresent() && chars > maxTokens.getAsInt() * DatasetRules.CHARS_PER_TOKEN) {
      out.add(
          new DataViolation(
              file,
              line,
              "is about "
                  + ceilDiv(chars, DatasetRules.CHARS_PER_TOKEN)
                  + " tokens ("
                  + chars
                  + " characters / "
                  + DatasetRules.CHARS_PER_TOKEN
                  + ") but "
                  + model.modelId()
                  + " takes at most "
                  + maxTokens.getAsInt()
                  + " tokens per record at batch size "
                  + (batch == null ? 1 : batch)
                  + "; shorten or split it"));
    }
  }

  private static String otherFormat(JsonNode r, DataFormat expected) {
    if (expected != DataFormat.CONVERSATION && r.has("messages")) {
      return "conversation";
    }
    if (expected != DataFormat.PROMPT_COMPLETION && r.has("completion")) {
      return "prompt/completion";
    }
    if (expected != DataFormat.UNLABELED_TEXT && r.has("input") && !r.has("prompt")) {
      return "unlabelled-text";
    }
    return null;
  }

  private static int requiredText(
      JsonNode r, String field, String file, int line, boolean nonBlank, List<DataViolation> out) {
    JsonNode v = r.get(field);
    if (v == null || !v.isTextual()) {
      out.add(
          new DataViolation(
              file,
              line,
              "needs a string field \""
                  + field
                  + "\""
                  + (v == null
                      ? ""
                      : " but it is " + v.getNodeType().name().toLowerCase(Locale.ROOT))));
      return 0;
    }
    if (nonBlank && v.asText().isBlank()) {
      out.add(
          new DataViolation(
              file, line, "has an empty \"" + field + "\"; give it text or drop the record"));
    }
    return v.asText().length();
  }

  private static int image(
      JsonNode r, String file, int line, DatasetRules rules, List<DataViolation> out) {
    JsonNode ref = r.get("image-ref");
    if (ref == null || !ref.isTextual()) {
      out.add(
          new DataViolation(
              file, line, "needs a string field \"image-ref\" with the image's s3:// URI"));
    } else {
      String uri = ref.asText().toLowerCase(Locale.ROOT);
      if (!uri.startsWith("s3://")
          || !(uri.endsWith(".png") || uri.endsWith(".jpg") || uri.endsWith(".jpeg"))) {
        out.add(
            new DataViolation(
                file,
                line,
                "has an \"image-ref\" that is not an s3:// URI of a .png or .jpg" + " image"));
      }
    }
    JsonNode caption = r.get("caption");
    if (caption == null || !caption.isTextual()) {
      out.add(new DataViolation(file, line, "needs a string field \"caption\""));
      return 0;
    }
    int n = caption.asText().length();
    if (rules.minCaptionChars() != null && n < rules.minCaptionChars()) {
      out.add(
          new DataViolation(
              file,
              line,
              "has a caption of "
                  + n
                  + " characters; at least "
                  + rules.minCaptionChars()
                  + " are needed"));
    }
    if (rules.maxCaptionChars() != null && n > rules.maxCaptionChars()) {
      out.add(
          new DataViolation(
              file,
              line,
              "has a caption of "
                  + n
                  + " characters; at most "
                  + rules.maxCaptionChars()
                  + " are taken"));
    }
    return n;
  }

  private static int conversation(
      JsonNode r,
      String file,
      int line,
      DatasetRules rules,
      CustomizableModel model,
      List<DataViolation> out) {
    if (!CONVERSATION_SCHEMA.equals(r.path("schemaVersion").asText(null))) {
      out.add(
          new DataViolation(
              file, line, "needs \"schemaVersion\": \"" + CONVERSATION_SCHEMA + "\""));
    }
    int chars = 0;
    JsonNode system = r.get("system");
    if (system != null) {
      if (!system.isArray()) {
        out.add(
            new DataViolation(
                file, line, "has a \"system\" that is not an array of {\"text\": ...}"));
      } else {
        for (JsonNode s : system) {
          chars += s.path("text").asText("").length();
        }
      }
    }
    JsonNode messages = r.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      out.add(new DataViolation(file, line, "needs a non-empty \"messages\" array"));
      return chars;
    }
    String expected = "user";
    int userTurns = 0;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        out.add(
            new DataViolation(
                file,
                line,
                "message "
                    + (i + 1)
                    + " has role '"
                    + role
                    + "'; only user and assistant are allowed (put instructions in \"system\")"));
      } else if (!role.equals(expected)) {
        out.add(
            new DataViolation(
                file,
                line,
                "message "
                    + (i + 1)
                    + " is from the "
                    + role
                    + " but the "
                    + expected
                    + " must speak "
                    + (i == 0 ? "first" : "next")
                    + "; roles must alternate, user first"));
      }
      if (role.equals("user")) {
        userTurns++;
      }
      expected = role.equals("user") ? "assistant" : "user";
      JsonNode content = m.get("content");
      if (content == null || !content.isArray() || content.isEmpty()) {
        out.add(
            new DataViolation(
                file, line, "message " + (i + 1) + " needs a non-empty \"content\" array"));
        continue;
      }
      for (JsonNode block : content) {
        JsonNode t = block.get("text");
        if (t == null || !t.isTextual()) {
          out.add(
              new DataViolation(
                  file,
                  line,
                  "message "
                      + (i + 1)
                      + " has a content block without text;"
                      + " training conversations are text only here"));
        } else {
          chars += t.asText().length();
        }
      }
    }
    if (!"assistant".equals(messages.get(messages.size() - 1).path("role").asText(""))) {
      out.add(
          new DataViolation(
              file, line, "must end with an assistant message (the answer to learn)"));
    }
    if (rules.maxUserTurns() != null && userTurns > rules.maxUserTurns()) {
      out.add(
          new DataViolation(
              file,
              line,
              "has "
                  + userTurns
                  + " user turns but "
                  + model.modelId()
                  + " takes single-turn conversations only here (one user and one assistant message); split it"
                  + " into "
                  + userTurns
                  + " records"));
    }
    return chars;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
