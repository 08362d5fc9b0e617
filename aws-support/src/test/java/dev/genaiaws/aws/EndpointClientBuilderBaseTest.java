package dev.genaiaws.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.aws.internal.AwsClientConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EndpointClientBuilderBaseTest {
  /** A control-plane builder as the job and knowledge-base clients write theirs. */
  static final class ControlBuilder extends EndpointClientBuilderBase<ControlBuilder> {
    AwsClientConfig config(Duration readTimeout) {
      return awsConfig(readTimeout);
    }
  }

  static final class JobBuilder extends AwsClientBuilderBase<JobBuilder> {
    Region region() {
      return awsRegion();
    }

    AwsCredentialsProvider credentials() {
      return awsCredentials();
    }
  }

  @Test
  void settings_chainAndReachTheClientConfig() {
    AwsCredentialsProvider anonymous = AnonymousCredentialsProvider.create();
    AwsClientConfig c =
        new ControlBuilder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(anonymous)
            .endpointOverride(URI.create("http://localhost:9"))
            .config(Duration.ofSeconds(20));

    assertThat(c.region()).isEqualTo(Region.EU_WEST_1);
    assertThat(c.credentials()).isSameAs(anonymous);
    assertThat(c.endpointOverride()).isEqualTo(URI.create("http://localhost:9"));
    assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void unset_defaultChainsAndTheLongReadTimeout() {
    AwsClientConfig c = new ControlBuilder().config(null);

    assertThat(c.region()).isNull();
    assertThat(c.credentials()).isNull();
    assertThat(c.endpointOverride()).isNull();
    assertThat(c.readTimeout()).isEqualTo(AwsClientConfig.DEFAULT_READ_TIMEOUT);
    JobBuilder job = new JobBuilder();
    assertThat(job.region()).isNull();
    assertThat(job.region(Region.US_WEST_2).region()).isEqualTo(Region.US_WEST_2);
    assertThat(job.credentials()).isNull();
  }
}
