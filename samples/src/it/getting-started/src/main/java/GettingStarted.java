import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.testkit.BedrockEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

public class GettingStarted {
  public static void main(String[] args) {
    try (BedrockEmulator emulator = BedrockEmulator.start();     // a local Bedrock on 127.0.0.1: no AWS account
         GenerationClient client = BedrockGenerationClient.builder()
             .endpointOverride(emulator.endpoint())               // leave these three out to call Amazon Bedrock
             .region(Region.US_EAST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
             .build()) {
      GenerationResponse r = client.generate(req -> req
          .modelId("meta.llama3-8b-instruct-v1:0")
          .user("Write about 100 words on serverless GenAI")
          .inferenceConfig(c -> c.maxTokens(300)));
      System.out.println(r.text());
      System.out.println("(" + r.stopReason() + ", " + r.usage() + ")");
    }
  }
}
