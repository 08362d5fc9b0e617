package dev.genaiaws.cost;

import java.math.BigDecimal;

/**
 * One priced dimension of an estimate, such as 1,200 input tokens at USD 0.25 per million.
 *
 * @param dimension what was priced: {@code input}, {@code output}, {@code cache read}, {@code cache
 *     write}, {@code image}, …
 * @param quantity how many units (tokens or images)
 * @param unitPrice the price of one unit's block ({@code perUnits} tokens, or one image)
 * @param perUnits how many units {@code unitPrice} buys (1,000,000 for tokens, 1 for images)
 * @param amount quantity × unitPrice ÷ perUnits
 */
public record CostLine(
    String dimension, long quantity, BigDecimal unitPrice, long perUnits, Money amount) {}
