package dev.genaiaws.batch;

import dev.genaiaws.aws.internal.LazyClient;
import dev.genaiaws.batch.internal.BatchErrors;
import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.NullUnmarked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/**
 * Your account's batch inference quotas for a model, read from Service Quotas, as the {@link
 * BatchLimits} a job's input is checked and split against. Bedrock names them per model (<i>Records
 * per batch inference job for Claude 3.5 Haiku</i>, ...), so you name the model as Service Quotas
 * does:
 *
 * <pre>{@code
 * try (BatchQuotas quotas = BatchQuotas.builder().region(Region.US_EAST_1).build();
 *      BedrockBatchClient batch = BedrockBatchClient.builder().quotas(quotas).build()) {
 *   batch.submit(config.toBuilder().quotaModelName("Claude 3.5 Haiku").build(), requests);
 *   BatchLimits limits = quotas.limits("Claude 3.5 Haiku");   // or read them yourself
 * }
 * }</pre>
 *
 * <p>The five quotas read are <i>Minimum number of records per batch inference job for M</i>,
 * <i>Records per batch inference job for M</i>, <i>Records per input file per batch inference job
 * for M</i>, <i>Batch inference input file size (in GB) for M</i> and <i>Batch inference job size
 * (in GB) for M</i> (the size quotas also appear as <i>... for M (in GB)</i>). The applied values
 * ({@code ListServiceQuotas}) come first, then the AWS defaults ({@code
 * ListAWSDefaultServiceQuotas}) for quotas never adjusted, then {@link BatchLimits#defaults()} for
 * any still missing. Sizes in GB are taken as 10<sup>9</sup> bytes (the smaller reading, so a file
 * the check lets through is never over the quota). Everything is read once per instance (a few
 * paginated calls) and kept: build a new one to see a changed quota.
 *
 * <p><b>When not allowed.</b> Reading needs {@code servicequotas:ListServiceQuotas} and {@code
 * servicequotas:ListAWSDefaultServiceQuotas}. Without them {@link #limits(String)} logs one warning
 * and returns {@link BatchLimits#defaults()} (the published defaults), unless the builder's {@link
 * Builder#requireServiceQuotas()} asked for an {@link AccessDeniedException} instead. A model name
 * with no batch quota at all fails fast with an {@link InvalidRequestException} listing the names
 * that have some.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BatchQuotas implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchQuotas.class);
  private static final String SERVICE_CODE = "bedrock";
  private static final double GB = 1_000_000_000d;

  /** The five batch quotas, by the start of their names (after removing "(in GB)"). */
  private enum Kind {
    MIN_RECORDS("minimum number of records per batch inference job for "),
    RECORDS_PER_FILE("records per input file per batch inference job for "),
    RECORDS_PER_JOB("records per batch inference job for "),
    FILE_SIZE("batch inference input file size for "),
    JOB_SIZE("batch inference job size for ");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  private final LazyClient<ServiceQuotasClient> client;
  private final boolean require;
  private Map<String, Map<Kind, Double>> applied;
  private Map<String, Map<Kind, Double>> awsDefaults;
  private boolean deniedLogged;

  private BatchQuotas(Builder b) {
    this.client =
        LazyClient.of(
            "batch quotas",
            b.client,
            () ->
                BedrockBatchClient.configure(
                        ServiceQuotasClient.builder(), b.region, b.credentialsProvider)
                    .build());
    this.require = b.require;
  }

  /** Quotas read with a client built for the default region and credentials chains. */
  public static BatchQuotas create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The limits for a model, named as in Service Quotas (e.g. {@code "Claude 3.5 Haiku"}, {@code
   * "Nova Pro V1"}, {@code "Titan Text Embeddings V2"}; case is ignored).
   *
   * @throws InvalidRequestException when no batch quota names the model
   * @throws AccessDeniedException when reading is denied and {@link Builder#requireServiceQuotas()}
   *     was set
   */
  public synchronized BatchLimits limits(String quotaModelName) {
    String model =
        Checks.notBlank(quotaModelName, "quotaModelName").strip().toLowerCase(Locale.ROOT);
    try {
      if (applied == null) {
        applied =
            read(
                "ListServiceQuotas " + SERVICE_CODE,
                c -> c.listServiceQuotasPaginator(r -> r.serviceCode(SERVICE_CODE)).quotas());
      }
      Map<Kind, Double> values = new EnumMap<>(Kind.class);
      values.putAll(applied.getOrDefault(model, Map.of()));
      if (values.size() < Kind.values().length) {
        if (awsDefaults == null) {
          awsDefaults =
              read(
                  "ListAWSDefaultServiceQuotas " + SERVICE_CODE,
                  c ->
                      c.listAWSDefaultServiceQuotasPaginator(r -> r.serviceCode(SERVICE_CODE))
                          .quotas());
        }
        awsDefaults.getOrDefault(model, Map.of()).forEach(values::putIfAbsent);
      }
      if (values.isEmpty()) {
        TreeSet<String> known = new TreeSet<>(applied.keySet());
        known.addAll(awsDefaults.keySet());
        throw new InvalidRequestException(
            "Service Quotas has no batch inference quota for the model '"
                + quotaModelName
                + "': name it as its quotas do, e.g. 'Records per batch inference job for <name>'."
                + " Names with batch quotas: "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
      }
      return limits(values, quotaModelName);
    } catch (AccessDeniedException e) {
      if (require) {
        throw e;
      }
      if (!deniedLogged) {
        deniedLogged = true;
        LOG.warn(
            "Reading Service Quotas was denied ({}): using the published default batch limits {}. Grant"
                + " servicequotas:ListServiceQuotas and servicequotas:ListAWSDefaultServiceQuotas to use the account's"
                + " values",
            e.errorCode(),
            BatchLimits.defaults());
      }
      return BatchLimits.defaults();
    }
  }

  private static BatchLimits limits(Map<Kind, Double> v, String model) {
    BatchLimits d = BatchLimits.defaults();
    int min = (int) Math.round(v.getOrDefault(Kind.MIN_RECORDS, (double) d.minRecordsPerJob()));
    int perJob =
        (int)
            Math.min(
                Integer.MAX_VALUE,
                Math.round(v.getOrDefault(Kind.RECORDS_PER_JOB, (double) d.maxRecordsPerJob())));
    int perFile =
        (int)
            Math.min(
                Integer.MAX_VALUE,
                Math.round(v.getOrDefault(Kind.RECORDS_PER_FILE, (double) d.maxRecordsPerFile())));
    long fileBytes =
        v.containsKey(Kind.FILE_SIZE) ? (long) (v.get(Kind.FILE_SIZE) * GB) : d.maxFileBytes();
    long jobBytes =
        v.containsKey(Kind.JOB_SIZE) ? (long) (v.get(Kind.JOB_SIZE) * GB) : d.maxJobBytes();
    try {
      return new BatchLimits(min, perJob, perFile, fileBytes, Math.max(jobBytes, fileBytes));
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          "the batch quotas Service Quotas reports for '"
              + model
              + "' do not fit together ("
              + e.getMessage()
              + "): pass BatchLimits explicitly",
          e);
    }
  }

  /** The batch quotas of one listing, by lower-cased model name. */
  private Map<String, Map<Kind, Double>> read(
      String what, Function<ServiceQuotasClient, Iterable<ServiceQuota>> list) {
    Map<String, Map<Kind, Double>> byModel = new LinkedHashMap<>();
    BatchErrors.call(
        what,
        () -> {
          for (ServiceQuota q : list.apply(client.get())) {
            if (q.quotaName() == null || q.value() == null) {
              continue;
            }
            String name = q.quotaName().replace(" (in GB)", "").strip().toLowerCase(Locale.ROOT);
            for (Kind k : Kind.values()) {
              if (name.startsWith(k.prefix)) {
                byModel
                    .computeIfAbsent(
                        name.substring(k.prefix.length()).strip(), m -> new EnumMap<>(Kind.class))
                    .put(k, q.value());
                break;
              }
            }
          }
          return null;
        });
    return byModel;
  }

  /** Closes the client this instance built (not one you gave it). */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "BatchQuotas[" + (applied == null ? "not read yet" : applied.size() + " models") + "]";
  }

  /** Builds {@link BatchQuotas}; every setting is optional. */
  public static final class Builder {
    private ServiceQuotasClient client;
    private Region region;
    private AwsCredentialsProvider credentialsProvider;
    private boolean require;

    private Builder() {}

    /** The Service Quotas client to read with (yours: never closed here). */
    public Builder serviceQuotasClient(ServiceQuotasClient client) {
      this.client = client;
      return this;
    }

    /**
     * The Region of the client built here: the Region whose quotas apply (default: the default
     * chain).
     */
    public Builder region(Region region) {
      this.region = region;
      return this;
    }

    /** The credentials of the client built here (default: the default chain). */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = credentialsProvider;
      return this;
    }

    /**
     * Fails with {@link AccessDeniedException} when reading is denied, instead of using the
     * defaults.
     */
    public Builder requireServiceQuotas() {
      this.require = true;
      return this;
    }

    public BatchQuotas build() {
      return new BatchQuotas(this);
    }
  }
}
