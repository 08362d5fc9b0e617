package dev.genaiaws.cost;

/**
 * The service tier a call was billed under (Bedrock's priority and flex tiers have prices of their
 * own).
 */
public enum PricingTier {
  /** The default on-demand tier. */
  STANDARD,
  /** The priority tier: faster, at a premium. */
  PRIORITY,
  /** The flex tier: cheaper, for work that can wait. */
  FLEX
}
