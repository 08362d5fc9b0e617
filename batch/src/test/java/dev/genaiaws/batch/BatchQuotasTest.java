package dev.genaiaws.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.testkit.ServiceQuotasEmulator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * Batch limits read from Service Quotas: the real SDK client against the testkit's Service Quotas
 * emulator.
 */
class BatchQuotasTest {

  static ServiceQuotasClient client(ServiceQuotasEmulator emulator) {
    return ServiceQuotasClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void appliedValues_thenAwsDefaults_thenPublishedDefaults_acrossPages() {
    ServiceQuotasEmulator.Builder b =
        ServiceQuotasEmulator.builder()
            // 250 unrelated quotas first, so the batch ones are on the third page of
            // ListServiceQuotas
            .quota(
                "bedrock",
                "On-demand model inference requests per minute for Claude 3.5 Haiku",
                50);
    IntStream.range(0, 250)
        .forEach(i -> b.quota("bedrock", "(Flows) Unrelated quota number " + i, i));
    b.quota(
            "bedrock",
            "Minimum number of records per batch inference job for Claude 3.5 Haiku",
            1_000)
        .quota("bedrock", "Records per batch inference job for Claude 3.5 Haiku", 20_000)
        .defaultQuota(
            "bedrock", "Records per input file per batch inference job for Claude 3.5 Haiku", 5_000)
        .quota("bedrock", "Batch inference input file size for Claude 3.5 Haiku (in GB)", 0.5)
        .quota("bedrock", "Records per batch inference job for Nova Pro V1", 25_000)
        .quota("bedrock", "Records per batch inference job for Nova Lite V1", 99);
    try (ServiceQuotasEmulator emulator = b.start();
        ServiceQuotasClient sq = client(emulator);
        BatchQuotas quotas = BatchQuotas.builder().serviceQuotasClient(sq).build()) {

      BatchLimits limits = quotas.limits("claude 3.5 haiku");

      assertThat(limits.minRecordsPerJob()).isEqualTo(1_000);
      assertThat(limits.maxRecordsPerJob()).isEqualTo(20_000);
      assertThat(limits.maxRecordsPerFile()).as("only an AWS default").isEqualTo(5_000);
      assertThat(limits.maxFileBytes()).isEqualTo(500_000_000L);
      assertThat(limits.maxJobBytes()).as("not listed: the published default").isEqualTo(5L << 30);
      assertThat(emulator.requests())
          .extracting(r -> r.operation())
          .containsExactly(
              "ListServiceQuotas",
              "ListServiceQuotas",
              "ListServiceQuotas",
              "ListAWSDefaultServiceQuotas",
              "ListAWSDefaultServiceQuotas",
              "ListAWSDefaultServiceQuotas");

      // read once: another model is served from what was read
      assertThat(quotas.limits("Nova Pro V1").maxRecordsPerJob()).isEqualTo(25_000);
      assertThat(emulator.requests()).hasSize(6);
      // below the published minimum of 100 records: the values do not fit together, said before any
      // upload
      assertThatThrownBy(() -> quotas.limits("Nova Lite V1"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("do not fit together")
          .hasMessageContaining("pass BatchLimits explicitly");

      assertThatThrownBy(() -> quotas.limits("Claude 9"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("Claude 9")
          .hasMessageContaining("claude 3.5 haiku")
          .hasMessageContaining("nova pro v1");
    }
  }

  @Test
  void denied_fallsBackToThePublishedDefaults_orFailsWhenRequired() {
    try (ServiceQuotasEmulator emulator =
            ServiceQuotasEmulator.builder()
                .bedrockBatchQuotas("Nova Micro V1", 10, 100, 100, 1, 2)
                .start()
                .deny(true);
        ServiceQuotasClient sq = client(emulator);
        BatchQuotas lenient = BatchQuotas.builder().serviceQuotasClient(sq).build();
        BatchQuotas strict =
            BatchQuotas.builder().serviceQuotasClient(sq).requireServiceQuotas().build()) {

      assertThat(lenient.limits("Nova Micro V1")).isEqualTo(BatchLimits.defaults());
      assertThatThrownBy(() -> strict.limits("Nova Micro V1"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("servicequotas:ListServiceQuotas");

      emulator.deny(false);
      BatchLimits allowed = strict.limits("Nova Micro V1");
      assertThat(allowed).isEqualTo(new BatchLimits(10, 100, 100, 1_000_000_000L, 2_000_000_000L));
    }
  }
}
