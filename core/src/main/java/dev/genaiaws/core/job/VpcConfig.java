package dev.genaiaws.core.job;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The VPC a job's workers run in: the subnets they are placed in and the security groups that
 * govern their traffic, so that the job reaches your data (S3 through a VPC endpoint) without the
 * public internet. Used by the job kinds whose service takes a VPC (Bedrock batch inference, ...).
 *
 * <pre>{@code
 * VpcConfig vpc = VpcConfig.of(List.of("subnet-0a1b2c3d", "subnet-4e5f6a7b"), List.of("sg-0123456789abcdef0"));
 * }</pre>
 *
 * @param subnetIds 1–16 distinct subnet ids ({@code subnet-...})
 * @param securityGroupIds 1–5 distinct security group ids ({@code sg-...})
 */
public record VpcConfig(List<String> subnetIds, List<String> securityGroupIds) {
  private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-z]+");
  private static final Pattern GROUP = Pattern.compile("sg-[0-9a-z]+");

  public VpcConfig {
    subnetIds = check(subnetIds, "subnetIds", 16, SUBNET, "subnet-0a1b2c3d");
    securityGroupIds =
        check(securityGroupIds, "securityGroupIds", 5, GROUP, "sg-0123456789abcdef0");
  }

  /** A VPC configuration (the lists are copied). */
  public static VpcConfig of(List<String> subnetIds, List<String> securityGroupIds) {
    return new VpcConfig(subnetIds, securityGroupIds);
  }

  private static List<String> check(
      List<String> ids, String field, int max, Pattern pattern, String example) {
    List<String> copy = Checks.copyOf(Checks.notNull(ids, field), field);
    if (copy.isEmpty() || copy.size() > max) {
      throw new InvalidRequestException(
          field + " must hold 1 to " + max + " ids but held " + copy.size());
    }
    for (String id : copy) {
      if (!pattern.matcher(id).matches()) {
        throw new InvalidRequestException(
            field + " must hold ids like '" + example + "' but held '" + id + "'");
      }
    }
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new InvalidRequestException(field + " must not repeat an id");
    }
    return copy;
  }
}
