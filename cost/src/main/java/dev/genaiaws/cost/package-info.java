/**
 * What genai-aws calls cost: a {@link dev.genaiaws.cost.PriceTable} shipped as dated, sourced data
 * (and overridable from your own file), a {@link dev.genaiaws.cost.CostEstimator} for responses,
 * streams, embeddings and batch jobs, and a {@link dev.genaiaws.cost.CostTracker} listener that
 * keeps a running total per client. Amounts are {@link dev.genaiaws.cost.Money}: a decimal and its
 * currency; an unknown price is reported as unknown, never as zero.
 */
@NullMarked
package dev.genaiaws.cost;

import org.jspecify.annotations.NullMarked;
