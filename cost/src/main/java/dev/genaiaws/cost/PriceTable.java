package dev.genaiaws.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * Model prices, per Region and endpoint kind, as data. The SDK ships a table ({@link #builtIn()},
 * dated and sourced per entry, in {@code dev/genaiaws/cost/prices.json}); prices change, so load
 * your own to add models or correct figures, and lay it over the shipped one:
 *
 * <pre>{@code
 * import dev.genaiaws.cost.PriceTable;
 * import java.nio.file.Path;
 *
 * PriceTable prices = PriceTable.load(Path.of("my-prices.json")).over(PriceTable.builtIn());
 * }</pre>
 *
 * <p>The file format is the shipped file's: a {@code currency}, and {@code prices}, each with
 * {@code model}, {@code regions}, optional {@code endpoint} ({@code IN_REGION}, {@code GEOGRAPHIC},
 * {@code GLOBAL}), prices per million tokens as decimal strings ({@code input}, {@code output},
 * {@code cacheRead}, {@code cacheWrite5m}, {@code cacheWrite1h}, {@code batchInput}, {@code
 * batchOutput}, {@code tiers.PRIORITY.input}, …), per image ({@code images} keyed {@code 1024x1024}
 * or {@code *}), {@code asOf} and {@code source}. A field left out is unknown, never free.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class PriceTable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUILT_IN = "/dev/genaiaws/cost/prices.json";
  private static volatile PriceTable builtIn;

  private final Currency currency;
  private final List<ModelPrice> prices;

  private PriceTable(Currency currency, List<ModelPrice> prices) {
    this.currency = currency;
    this.prices = List.copyOf(prices);
  }

  /** The table shipped with the SDK. */
  public static PriceTable builtIn() {
    PriceTable t = builtIn;
    if (t == null) {
      try (InputStream in = PriceTable.class.getResourceAsStream(BUILT_IN)) {
        if (in == null) {
          throw new GenAiClientException(
              "the built-in price table " + BUILT_IN + " is missing from the classpath", null);
        }
        t = read(in, BUILT_IN);
      } catch (IOException e) {
        throw new GenAiClientException(
            "could not read the built-in price table: " + e.getMessage(), e);
      }
      builtIn = t;
    }
    return t;
  }

  /** A table from a JSON file of the shipped format. */
  public static PriceTable load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new InvalidRequestException(
          "could not read the price table " + file + ": " + e.getMessage(), e);
    }
  }

  /** A table from JSON of the shipped format. */
  public static PriceTable load(InputStream json) {
    try {
      return read(json, "the given stream");
    } catch (IOException e) {
      throw new InvalidRequestException("could not read the price table: " + e.getMessage(), e);
    }
  }

  /**
   * The prices of this table, and where it has none for a model, Region and endpoint, those of
   * {@code base}.
   */
  public PriceTable over(PriceTable base) {
    if (!currency.equals(base.currency)) {
      throw new InvalidRequestException(
          "cannot lay a " + currency + " price table over a " + base.currency + " one");
    }
    List<ModelPrice> merged = new ArrayList<>(prices);
    for (ModelPrice p : base.prices) {
      boolean shadowed =
          prices.stream()
              .anyMatch(
                  mine ->
                      mine.model().equals(p.model())
                          && mine.endpoint() == p.endpoint()
                          && mine.regions().containsAll(p.regions()));
      if (!shadowed) {
        merged.add(p);
      }
    }
    return new PriceTable(currency, merged);
  }

  /** The currency of every price in the table. */
  public Currency currency() {
    return currency;
  }

  /** Every entry, in the order read. */
  public List<ModelPrice> prices() {
    return prices;
  }

  /**
   * The price of a model (base id, no profile prefix) in a Region through an endpoint kind: the
   * most specific entry (a named Region over {@code *}, a named endpoint over any); on a tie, the
   * first (so an overriding table's entries win).
   */
  public Optional<ModelPrice> find(String model, String region, EndpointKind endpoint) {
    return prices.stream()
        .filter(
            p ->
                p.model().equals(model)
                    && p.covers(region)
                    && (p.endpoint() == null || p.endpoint() == endpoint))
        .max(Comparator.comparingInt(ModelPrice::specificity));
  }

  @Override
  public String toString() {
    return "PriceTable[" + prices.size() + " prices in " + currency + "]";
  }

  private static PriceTable read(InputStream in, String where) throws IOException {
    JsonNode root = JSON.readTree(in);
    if (root == null || !root.isObject()) {
      throw new InvalidRequestException("the price table in " + where + " must be a JSON object");
    }
    Currency currency;
    try {
      currency = Currency.getInstance(root.path("currency").asText("USD"));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "the price table in "
              + where
              + " names an unknown currency '"
              + root.path("currency").asText()
              + "'",
          e);
    }
    List<ModelPrice> prices = new ArrayList<>();
    int i = 0;
    for (JsonNode p : root.path("prices")) {
      String at = where + " prices[" + i++ + "]";
      List<String> regions = new ArrayList<>();
      p.path("regions").forEach(r -> regions.add(r.asText()));
      Map<PricingTier, ModelPrice.TierPrice> tiers = new EnumMap<>(PricingTier.class);
      p.path("tiers")
          .properties()
          .iterator()
          .forEachRemaining(
              e ->
                  tiers.put(
                      tier(e.getKey(), at),
                      new ModelPrice.TierPrice(
                          decimal(e.getValue(), "input", at),
                          decimal(e.getValue(), "output", at))));
      Map<String, BigDecimal> images = new LinkedHashMap<>();
      p.path("images")
          .properties()
          .iterator()
          .forEachRemaining(e -> images.put(e.getKey(), decimal(p.path("images"), e.getKey(), at)));
      prices.add(
          new ModelPrice(
              p.path("model").asText(null),
              regions,
              endpoint(p.path("endpoint"), at),
              decimal(p, "input", at),
              decimal(p, "output", at),
              decimal(p, "cacheRead", at),
              decimal(p, "cacheWrite5m", at),
              decimal(p, "cacheWrite1h", at),
              decimal(p, "batchInput", at),
              decimal(p, "batchOutput", at),
              tiers,
              images,
              date(p.path("asOf"), at),
              p.path("source").asText(null)));
    }
    return new PriceTable(currency, prices);
  }

  private static BigDecimal decimal(JsonNode node, String field, String at) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(v.asText());
      if (d.signum() < 0) {
        throw new InvalidRequestException(at + "." + field + " must not be negative but was " + d);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          at
              + "."
              + field
              + " must be a decimal number (as a string, e.g. \"0.25\")"
              + " but was "
              + v,
          e);
    }
  }

  private static EndpointKind endpoint(JsonNode v, String at) {
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    try {
      return EndpointKind.valueOf(v.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          at + ".endpoint must be IN_REGION, GEOGRAPHIC or GLOBAL but was " + v, e);
    }
  }

  private static PricingTier tier(String name, String at) {
    try {
      return PricingTier.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          at + ".tiers may hold PRIORITY and FLEX but held " + name, e);
    }
  }

  private static LocalDate date(JsonNode v, String at) {
    try {
      return v.isMissingNode() || v.isNull() ? null : LocalDate.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          at + ".asOf must be a date such as 2026-03-21 but was " + v, e);
    }
  }
}
