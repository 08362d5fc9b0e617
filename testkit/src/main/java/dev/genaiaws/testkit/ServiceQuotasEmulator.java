package dev.genaiaws.testkit;

import dev.genaiaws.testkit.internal.EmulatorHttp;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.quotas.ServiceQuotasService;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A local AWS Service Quotas: real HTTP on 127.0.0.1 answering the read calls the SDK's {@code
 * ServiceQuotasClient} makes to learn an account's quotas, {@code ListServiceQuotas} (applied
 * values) and {@code ListAWSDefaultServiceQuotas} (AWS defaults), paginated as the service does.
 *
 * <pre>{@code
 * try (ServiceQuotasEmulator quotas = ServiceQuotasEmulator.builder()
 *         .bedrockBatchQuotas("Claude 3.5 Haiku", 100, 50_000, 50_000, 1, 5)   // the five batch quotas
 *         .quota("bedrock", "Records per batch inference job for Nova Pro V1", 25_000)
 *         .start()) {
 *   ServiceQuotasClient client = ServiceQuotasClient.builder().endpointOverride(quotas.endpoint())...build();
 * }
 * }</pre>
 *
 * <p>A quota added with {@link Builder#quota} has an applied value (both calls list it); one added
 * with {@link Builder#defaultQuota} only has the AWS default (only {@code
 * ListAWSDefaultServiceQuotas} lists it), as for quotas never adjusted in an account. {@link
 * #deny(boolean)} makes every call a 400 {@code AccessDeniedException}, as for a caller without
 * {@code servicequotas:ListServiceQuotas}. Unknown service codes are {@code
 * NoSuchResourceException}. Thread-safe; {@link #close()} stops the server.
 */
public final class ServiceQuotasEmulator implements AutoCloseable {
  private final EmulatorState state = new EmulatorState();
  private final ServiceQuotasService service;
  private final EmulatorHttp http;

  private ServiceQuotasEmulator(Builder b) {
    this.service = new ServiceQuotasService(state, b.quotas);
    this.http = EmulatorHttp.start("service-quotas-emulator", b.port, service::handle);
  }

  /** A builder for an emulator with the quotas it lists. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>}, for the client's {@code endpointOverride}. */
  public URI endpoint() {
    return http.endpoint();
  }

  /** Denies every call from now on ({@code true}) or allows them again. */
  public ServiceQuotasEmulator deny(boolean deny) {
    service.deny(deny);
    return this;
  }

  /**
   * All requests received so far, oldest first ({@link RecordedRequest#operation()} is e.g. {@code
   * ListServiceQuotas}).
   */
  public List<RecordedRequest> requests() {
    return state.requests();
  }

  @Override
  public void close() {
    http.close();
  }

  /** Builds a {@link ServiceQuotasEmulator}. */
  public static final class Builder {
    private final List<ServiceQuotasService.Quota> quotas = new ArrayList<>();
    private int port;

    private Builder() {}

    /** A quota with an applied value, listed by both calls (its code derived from the name). */
    public Builder quota(String serviceCode, String name, double value) {
      return add(serviceCode, name, value, true);
    }

    /**
     * A quota that only has its AWS default value (listed by {@code ListAWSDefaultServiceQuotas}
     * alone).
     */
    public Builder defaultQuota(String serviceCode, String name, double value) {
      return add(serviceCode, name, value, false);
    }

    /**
     * The five Bedrock batch inference quotas of one model, named as Service Quotas names them
     * ({@code Minimum number of records per batch inference job for <model>}, {@code Records per
     * batch inference job for <model>}, {@code Records per input file per batch inference job for
     * <model>}, {@code Batch inference input file size (in GB) for <model>}, {@code Batch inference
     * job size (in GB) for <model>}), with applied values.
     */
    public Builder bedrockBatchQuotas(
        String model,
        double minRecords,
        double recordsPerJob,
        double recordsPerFile,
        double fileSizeGb,
        double jobSizeGb) {
      quota(
          "bedrock", "Minimum number of records per batch inference job for " + model, minRecords);
      quota("bedrock", "Records per batch inference job for " + model, recordsPerJob);
      quota(
          "bedrock", "Records per input file per batch inference job for " + model, recordsPerFile);
      quota("bedrock", "Batch inference input file size (in GB) for " + model, fileSizeGb);
      return quota("bedrock", "Batch inference job size (in GB) for " + model, jobSizeGb);
    }

    /** The port to listen on (default 0: a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    private Builder add(String serviceCode, String name, double value, boolean applied) {
      Objects.requireNonNull(serviceCode, "serviceCode");
      Objects.requireNonNull(name, "name");
      String serviceName = serviceCode.equals("bedrock") ? "Amazon Bedrock" : serviceCode;
      quotas.add(
          new ServiceQuotasService.Quota(
              serviceCode, serviceName, ServiceQuotasService.codeFor(name), name, value, applied));
      return this;
    }

    public ServiceQuotasEmulator start() {
      return new ServiceQuotasEmulator(this);
    }
  }
}
