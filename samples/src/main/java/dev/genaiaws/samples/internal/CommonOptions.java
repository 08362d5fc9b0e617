package dev.genaiaws.samples.internal;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every sample takes the same way, mixed in with picocli's {@code @Mixin} where the
 * sample's own options end (so its help lists them last): {@code --region} (the AWS region to call)
 * and {@code -v}/{@code --verbose} (stack traces of failures; {@link Cli#execute} reads it from the
 * parsed command line).
 */
public final class CommonOptions {
  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region to call (default: the SDK's region" + " chain).")
  @Nullable String region;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print stack traces of failures.")
  boolean verbose;

  /** The region given with {@code --region}, or {@code null} for the SDK's region chain. */
  public @Nullable String region() {
    return region;
  }

  /** Whether {@code --verbose} was given. */
  public boolean verbose() {
    return verbose;
  }
}
