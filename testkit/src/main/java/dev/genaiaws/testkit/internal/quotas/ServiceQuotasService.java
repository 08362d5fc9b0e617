package dev.genaiaws.testkit.internal.quotas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.Exchange;
import dev.genaiaws.testkit.internal.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The Service Quotas routes the SDK reads quotas with, on the AWS JSON 1.1 protocol ({@code POST /}
 * with {@code X-Amz-Target: ServiceQuotasV20190624.<operation>}): {@code ListServiceQuotas} (the
 * applied values) and {@code ListAWSDefaultServiceQuotas} (the AWS defaults), paginated with {@code
 * MaxResults} (1–100, default 100) and {@code NextToken}. A service code that is not well formed is
 * a 400 {@code IllegalArgumentException}, one the emulator has no quotas for a 400 {@code
 * NoSuchResourceException}; a denied caller gets 400 {@code AccessDeniedException}. Internal.
 */
public final class ServiceQuotasService {
  private static final String PREFIX = "ServiceQuotasV20190624.";
  private static final Pattern SERVICE_CODE = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{1,63}");
  private static final String ACCOUNT = "123456789012";

  /**
   * One quota.
   *
   * @param serviceCode e.g. {@code bedrock}
   * @param serviceName e.g. {@code Amazon Bedrock}
   * @param code e.g. {@code L-1F644C2A}
   * @param name the quota's name
   * @param value its value
   * @param applied whether ListServiceQuotas shows it (an applied value), or only
   *     ListAWSDefaultServiceQuotas
   */
  public record Quota(
      String serviceCode,
      String serviceName,
      String code,
      String name,
      double value,
      boolean applied) {}

  private final EmulatorState state;
  private final List<Quota> quotas = new CopyOnWriteArrayList<>();
  private volatile boolean denied;

  public ServiceQuotasService(EmulatorState state, List<Quota> quotas) {
    this.state = state;
    this.quotas.addAll(quotas);
  }

  /**
   * Denies (or allows again) every call, as a caller without {@code servicequotas:List*} permission
   * sees.
   */
  public void deny(boolean deny) {
    this.denied = deny;
  }

  /** Handles one exchange. */
  public void handle(Exchange ex) throws IOException {
    String target = ex.header("X-Amz-Target");
    if (!"POST".equals(ex.method()) || target == null || !target.startsWith(PREFIX)) {
      error(
          ex, "UnknownOperationException", "Unknown operation " + ex.method() + " " + ex.rawPath());
      return;
    }
    String op = target.substring(PREFIX.length());
    JsonNode body;
    try {
      body =
          Json.parse(
              ex.body().length == 0
                  ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                  : ex.body());
    } catch (IOException e) {
      error(ex, "SerializationException", "Malformed request body.");
      return;
    }
    state.record(
        new RecordedRequest(
            ex.method(),
            ex.rawPath(),
            op,
            body.path("ServiceCode").asText(null),
            ex.headers(),
            ex.body(),
            Instant.now()));
    if (denied) {
      error(
          ex, "AccessDeniedException", "You do not have sufficient access to perform this action.");
      return;
    }
    switch (op) {
      case "ListServiceQuotas" -> list(ex, body, true);
      case "ListAWSDefaultServiceQuotas" -> list(ex, body, false);
      default -> error(ex, "UnknownOperationException", "Unknown operation " + op);
    }
  }

  private void list(Exchange ex, JsonNode body, boolean applied) throws IOException {
    String service = body.path("ServiceCode").asText("");
    if (!SERVICE_CODE.matcher(service).matches()) {
      error(
          ex,
          "IllegalArgumentException",
          "1 validation error detected: Value '"
              + service
              + "' at 'serviceCode'"
              + " failed to satisfy constraint: Member must satisfy regular expression pattern: "
              + SERVICE_CODE.pattern());
      return;
    }
    int max = body.path("MaxResults").asInt(100);
    if (max < 1 || max > 100) {
      error(
          ex,
          "IllegalArgumentException",
          "1 validation error detected: Value '"
              + max
              + "' at 'maxResults'"
              + " failed to satisfy constraint: Member must have value less than or equal to 100");
      return;
    }
    List<Quota> matching = new ArrayList<>();
    boolean known = false;
    for (Quota q : quotas) {
      if (q.serviceCode().equals(service)) {
        known = true;
        if (!applied || q.applied()) {
          matching.add(q);
        }
      }
    }
    if (!known) {
      error(
          ex,
          "NoSuchResourceException",
          "The request failed because the specified service does not exist.");
      return;
    }
    int from;
    try {
      from = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
    } catch (NumberFormatException e) {
      error(ex, "InvalidPaginationTokenException", "Invalid input: The NextToken is not valid.");
      return;
    }
    ObjectNode out = Json.object();
    ArrayNode page = out.putArray("Quotas");
    for (int i = from; i < Math.min(matching.size(), from + max); i++) {
      page.add(json(matching.get(i)));
    }
    if (from + max < matching.size()) {
      out.put("NextToken", String.valueOf(from + max));
    }
    ex.respond(200, "application/x-amz-json-1.1", Json.bytes(out));
  }

  private static ObjectNode json(Quota q) {
    ObjectNode j =
        Json.object()
            .put("ServiceCode", q.serviceCode())
            .put("ServiceName", q.serviceName())
            .put(
                "QuotaArn",
                "arn:aws:servicequotas:us-east-1:"
                    + ACCOUNT
                    + ":"
                    + q.serviceCode()
                    + "/"
                    + q.code())
            .put("QuotaCode", q.code())
            .put("QuotaName", q.name())
            .put("Value", q.value())
            .put("Unit", "None")
            .put("Adjustable", true)
            .put("GlobalQuota", false);
    return j;
  }

  private static void error(Exchange ex, String code, String message) throws IOException {
    ex.header("x-amzn-ErrorType", code);
    ex.respond(
        400,
        "application/x-amz-json-1.1",
        Json.bytes(Json.object().put("__type", code).put("message", message)));
  }

  /** A quota code for a name, stable across runs, for quotas given without one. */
  public static String codeFor(String name) {
    return String.format(Locale.ROOT, "L-%08X", name.hashCode());
  }
}
