package dev.genaiaws.cost;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of money in one currency. Amounts keep every digit the prices have (AWS prices tokens
 * to millionths of a dollar); {@link #rounded(int)} gives a figure to show. Adding two amounts of
 * different currencies fails instead of mixing them.
 *
 * @param amount the amount, never null
 * @param currency its currency, never null
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    if (amount == null || currency == null) {
      throw new InvalidRequestException(
          "money needs an amount and a currency, e.g. Money.of(\"0.25\", \"USD\")");
    }
    amount = amount.stripTrailingZeros();
    if (amount.scale() < 0) {
      amount = amount.setScale(0);
    }
  }

  /** {@code Money.of("0.25", "USD")}. */
  public static Money of(String amount, String currencyCode) {
    try {
      return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "amount must be a decimal number such as 0.25 but was '" + amount + "'", e);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "currency must be an ISO 4217 code such as USD but was '" + currencyCode + "'", e);
    }
  }

  /** Nothing, in the given currency. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** The sum; both must be in the same currency. */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /** This amount times a factor. */
  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(factor), currency);
  }

  /** The amount rounded half-up to the given number of decimal places, for display. */
  public BigDecimal rounded(int decimals) {
    return amount.setScale(decimals, RoundingMode.HALF_UP);
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new InvalidRequestException(
          "cannot combine " + currency + " with " + other.currency + ": convert one first");
    }
  }

  /** For example {@code USD 0.000825}. */
  @Override
  public String toString() {
    return currency.getCurrencyCode() + " " + amount.toPlainString();
  }
}
