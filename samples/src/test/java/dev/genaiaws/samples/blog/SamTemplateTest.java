package dev.genaiaws.samples.blog;

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
 * {@code samples/template.yaml} parses as YAML and says what docs/lambda.md promises: the handler,
 * Java 17, SnapStart, the layer, and a least-privilege role. (Intrinsic functions such as {@code
 * !Sub} parse as their scalar value.)
 */
class SamTemplateTest {
  static JsonNode template;
  static JsonNode function;

  @BeforeAll
  static void load() throws IOException {
    template =
        new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("template.yaml")));
    function = template.at("/Resources/BlogFunction/Properties");
  }

  @Test
  void function_isTheBlogHandlerOnJava17WithSnapStartAndTheLayer() {
    assertThat(template.at("/Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
    assertThat(template.at("/Resources/BlogFunction/Type").asText())
        .isEqualTo("AWS::Serverless::Function");
    assertThat(function.get("Handler").asText())
        .isEqualTo("dev.genaiaws.samples.blog.BlogHandler::handleRequest");
    assertThat(function.get("Runtime").asText()).isEqualTo("java17");
    assertThat(function.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
    assertThat(function.get("AutoPublishAlias").asText()).isNotBlank();
    assertThat(function.at("/Layers/0").asText()).isEqualTo("GenAiAwsLayer");
    // BlogHandler only calls generate(): the sync layer, without the streaming (Netty) add-on
    assertThat(function.at("/Layers")).hasSize(1);
    assertThat(function.get("CodeUri").asText()).isEqualTo("target/genai-aws-blog-function.zip");
    assertThat(template.at("/Resources/GenAiAwsLayer/Type").asText())
        .isEqualTo("AWS::Serverless::LayerVersion");
    assertThat(template.at("/Resources/GenAiAwsLayer/Properties/ContentUri").asText())
        .isEqualTo("../lambda-layer/target/genai-aws-layer.zip");
    assertThat(template.at("/Resources/BlogBucket/Type").asText()).isEqualTo("AWS::S3::Bucket");
  }

  @Test
  void function_isRoutedFromPostBlogOnTheHttpApi() {
    JsonNode event = function.at("/Events/PostBlog");
    assertThat(event.get("Type").asText()).isEqualTo("HttpApi");
    assertThat(event.at("/Properties/Path").asText()).isEqualTo("/blog");
    assertThat(event.at("/Properties/Method").asText()).isEqualTo("POST");
  }

  @Test
  void environment_namesModelBucketAndPrefix() {
    JsonNode vars = function.at("/Environment/Variables");
    assertThat(vars.get("BLOG_MODEL_ID").asText()).isEqualTo("ModelId");
    assertThat(vars.get("BLOG_BUCKET").asText()).isEqualTo("BlogBucket");
    assertThat(vars.get("BLOG_PREFIX").asText()).isEqualTo("Prefix");
    assertThat(template.at("/Parameters/ModelId/Default").asText())
        .isEqualTo(BlogConfig.DEFAULT_MODEL_ID);
  }

  @Test
  void policies_allowOnlyInvokeOnTheModelAndPutUnderThePrefix() {
    List<JsonNode> statements = new ArrayList<>();
    function.get("Policies").forEach(p -> p.get("Statement").forEach(statements::add));

    assertThat(statements).hasSize(2);
    assertThat(statements)
        .allSatisfy(
            s -> {
              assertThat(s.get("Effect").asText()).isEqualTo("Allow");
              assertThat(s.get("Action").isTextual()).as("one action per statement").isTrue();
              assertThat(s.get("Resource").asText()).doesNotContain("*:*").isNotEqualTo("*");
            });
    assertThat(statements.get(0).get("Action").asText()).isEqualTo("bedrock:InvokeModel");
    assertThat(statements.get(0).get("Resource").asText())
        .isEqualTo("arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${ModelId}");
    assertThat(statements.get(1).get("Action").asText()).isEqualTo("s3:PutObject");
    assertThat(statements.get(1).get("Resource").asText())
        .isEqualTo("arn:${AWS::Partition}:s3:::${BlogBucket}/${Prefix}/*");
  }
}
