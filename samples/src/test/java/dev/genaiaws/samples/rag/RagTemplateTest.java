package dev.genaiaws.samples.rag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code samples/rag-template.yaml} parses and says what docs/knowledge-bases.md promises: the
 * whole system, least-privilege policies (no wildcard resource), IAM authorization on the API, and
 * the add-on outside the layer.
 */
class RagTemplateTest {
  static JsonNode resources;

  @BeforeAll
  static void load() throws IOException {
    resources =
        new ObjectMapper(new YAMLFactory())
            .readTree(Files.readString(Path.of("rag-template.yaml")))
            .get("Resources");
  }

  @Test
  void system_hasBucketVectorStoreKnowledgeBaseDataSourceTriggerFunctionAndApi() {
    assertThat(resources.at("/DocumentsBucket/Type").asText()).isEqualTo("AWS::S3::Bucket");
    assertThat(
            resources
                .at(
                    "/DocumentsBucket/Properties/NotificationConfiguration/EventBridgeConfiguration"
                        + "/EventBridgeEnabled")
                .asBoolean())
        .isTrue();
    assertThat(resources.at("/VectorIndex/Type").asText()).isEqualTo("AWS::S3Vectors::Index");
    assertThat(resources.at("/KnowledgeBase/Properties/StorageConfiguration/Type").asText())
        .isEqualTo("S3_VECTORS");
    assertThat(
            resources.at("/DocumentsDataSource/Properties/DataSourceConfiguration/Type").asText())
        .isEqualTo("S3");
    assertThat(resources.at("/IngestionTriggerFunction/Properties/Handler").asText())
        .isEqualTo("dev.genaiaws.samples.rag.IngestionTrigger::handleRequest");
    assertThat(
            resources
                .at("/IngestionTriggerFunction/Properties/Events/DocumentsChanged/Type")
                .asText())
        .isEqualTo("EventBridgeRule");
    assertThat(resources.at("/RagFunction/Properties/Handler").asText())
        .isEqualTo("dev.genaiaws.samples.rag.RagHandler::handleRequest");
    assertThat(resources.at("/RagFunction/Properties/Runtime").asText()).isEqualTo("java17");
    assertThat(resources.at("/RagFunction/Properties/Events/Ask/Properties/Path").asText())
        .isEqualTo("/ask");
  }

  @Test
  void api_requiresIamAuthorization() {
    assertThat(resources.at("/RagApi/Properties/Auth/DefaultAuthorizer").asText())
        .isEqualTo("AWS_IAM");
  }

  @Test
  void policies_nameTheirResources_neverAWildcard() {
    List<JsonNode> statements = new ArrayList<>();
    resources
        .at("/KnowledgeBaseRole/Properties/Policies/0/PolicyDocument/Statement")
        .forEach(statements::add);
    resources.at("/RagFunction/Properties/Policies/0/Statement").forEach(statements::add);
    resources
        .at("/IngestionTriggerFunction/Properties/Policies/0/Statement")
        .forEach(statements::add);
    assertThat(statements).hasSizeGreaterThanOrEqualTo(6);
    for (JsonNode s : statements) {
      assertThat(s.get("Resource").isTextual() ? s.get("Resource").asText() : "ref")
          .isNotEqualTo("*");
      assertThat(s.get("Action").toString()).doesNotContain("*");
    }
    assertThat(resources.at("/RagFunction/Properties/Policies/0/Statement/0/Action").toString())
        .contains("bedrock:RetrieveAndGenerate");
  }

  @Test
  void function_carriesTheAddOn_theLayerStaysAsItIs() {
    assertThat(resources.at("/RagFunction/Properties/CodeUri").asText())
        .isEqualTo("target/genai-aws-rag-function.zip");
    assertThat(resources.at("/GenAiAwsLayer/Properties/ContentUri").asText())
        .isEqualTo("../lambda-layer/target/genai-aws-layer.zip");
  }
}
