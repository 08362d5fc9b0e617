package dev.genaiaws.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CloudFormation/SAM template under {@code samples/} (found by walking the folder, so new
 * samples' templates are checked too) protects its APIs and grants only what it needs: each API
 * route has an authorizer (IAM, JWT or a Lambda authorizer; never none), each API has a CORS
 * configuration, function URLs use IAM, and no policy statement allows every action or, outside a
 * short list of actions that AWS only grants on {@code *}, every resource. Intrinsic functions
 * ({@code !Ref}, {@code !Sub}, ...) parse as their scalar value.
 */
class TemplateSecurityTest {
  /** Actions IAM only allows on {@code "Resource": "*"} (no resource-level permissions). */
  private static final Set<String> STAR_ONLY_ACTIONS =
      Set.of(
          "ecr:GetAuthorizationToken",
          "cloudwatch:PutMetricData",
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "bedrock:ListFoundationModels",
          "bedrock:ListInferenceProfiles",
          "bedrock:ListCustomModels",
          "bedrock:ListModelCustomizationJobs",
          "bedrock:ListModelInvocationJobs",
          "bedrock:ListKnowledgeBases",
          "sagemaker:ListEndpoints",
          "sagemaker:ListTransformJobs");

  /** Managed policies a function may carry: logging only. */
  private static final Set<String> ALLOWED_MANAGED = Set.of("AWSLambdaBasicExecutionRole");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static List<Path> templates() throws IOException {
    Path samples = Path.of("").toAbsolutePath();
    try (Stream<Path> files = Files.walk(samples)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(
              f ->
                  !samples.relativize(f).startsWith("target")
                      && !samples.relativize(f).startsWith("src/test"))
          .filter(
              f -> {
                try {
                  String text = Files.readString(f);
                  return text.contains("AWSTemplateFormatVersion")
                      || text.contains("AWS::Serverless-2016-10-31");
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sorted()
          .toList();
    }
  }

  @Test
  void templatesAreFound() throws IOException {
    assertThat(templates()).anyMatch(p -> p.endsWith("template.yaml"));
  }

  private static JsonNode load(Path template) throws IOException {
    return YAML.readTree(Files.readString(template));
  }

  private static Iterable<Map.Entry<String, JsonNode>> resources(JsonNode template) {
    return template.path("Resources").properties();
  }

  @ParameterizedTest
  @MethodSource("templates")
  void everyRouteHasAnAuthorizer_andEveryApiCors(Path file) throws IOException {
    JsonNode t = load(file);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : resources(t)) {
      String type = r.getValue().path("Type").asText();
      JsonNode props = r.getValue().path("Properties");
      switch (type) {
        case "AWS::Serverless::Function" -> {
          for (Map.Entry<String, JsonNode> e : props.path("Events").properties()) {
            String eventType = e.getValue().path("Type").asText();
            if (!eventType.equals("HttpApi") && !eventType.equals("Api")) {
              continue;
            }
            JsonNode ep = e.getValue().path("Properties");
            String apiRef = ep.path(eventType.equals("HttpApi") ? "ApiId" : "RestApiId").asText("");
            String where = r.getKey() + "." + e.getKey();
            if (apiRef.isEmpty()) {
              problems.add(
                  where
                      + ": the route is on SAM's implicit API; declare the API (with Auth and CORS)"
                      + " and name it in "
                      + (eventType.equals("HttpApi") ? "ApiId" : "RestApiId"));
              continue;
            }
            String authorizer =
                ep.path("Auth")
                    .path("Authorizer")
                    .asText(
                        t.path("Resources")
                            .path(apiRef)
                            .path("Properties")
                            .path("Auth")
                            .path("DefaultAuthorizer")
                            .asText(""));
            if (authorizer.isEmpty() || authorizer.equals("NONE")) {
              problems.add(
                  where
                      + ": no authorizer (set Auth.Authorizer on the event or DefaultAuthorizer on "
                      + apiRef
                      + ")");
            }
          }
          if (props.has("FunctionUrlConfig")
              && !props.path("FunctionUrlConfig").path("AuthType").asText().equals("AWS_IAM")) {
            problems.add(r.getKey() + ": its function URL must use AuthType AWS_IAM");
          }
        }
        case "AWS::Serverless::HttpApi" -> {
          if (!props.has("CorsConfiguration")) {
            problems.add(r.getKey() + ": no CorsConfiguration");
          }
        }
        case "AWS::Serverless::Api" -> {
          if (!props.has("Cors")) {
            problems.add(r.getKey() + ": no Cors");
          }
        }
        case "AWS::ApiGatewayV2::Route" -> {
          if (!Set.of("AWS_IAM", "JWT", "CUSTOM")
              .contains(props.path("AuthorizationType").asText())) {
            problems.add(r.getKey() + ": AuthorizationType must be AWS_IAM, JWT or CUSTOM");
          }
        }
        case "AWS::ApiGateway::Method" -> {
          if (!props.path("HttpMethod").asText().equals("OPTIONS")
              && props.path("AuthorizationType").asText("NONE").equals("NONE")) {
            problems.add(r.getKey() + ": AuthorizationType NONE");
          }
        }
        case "AWS::Lambda::Url" -> {
          if (!props.path("AuthType").asText().equals("AWS_IAM")) {
            problems.add(r.getKey() + ": AuthType must be AWS_IAM");
          }
        }
        default -> {
          // not an API
        }
      }
    }
    assertThat(problems).as(file + ": unprotected APIs").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("templates")
  void everyPolicyNamesOnlyTheResourcesItNeeds(Path file) throws IOException {
    JsonNode t = load(file);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : resources(t)) {
      String type = r.getValue().path("Type").asText();
      JsonNode props = r.getValue().path("Properties");
      String name = r.getKey();
      switch (type) {
        case "AWS::Serverless::Function", "AWS::Serverless::StateMachine" -> {
          JsonNode policies = props.path("Policies");
          for (JsonNode p : policies.isArray() ? policies : YAML.createArrayNode().add(policies)) {
            if (p.isTextual() && !ALLOWED_MANAGED.contains(p.asText())) {
              problems.add(
                  name + ": managed policy " + p.asText() + " grants more than the function needs");
            } else if (p.has("Statement")) {
              statements(name, p, problems);
            } else if (p.isObject()) {
              // a SAM policy template such as S3WritePolicy: {BucketName: ...}: scoped by its
              // parameters
              p.properties()
                  .forEach(
                      e ->
                          e.getValue()
                              .properties()
                              .forEach(
                                  arg -> {
                                    if (arg.getValue().asText().equals("*")) {
                                      problems.add(
                                          name
                                              + ": "
                                              + e.getKey()
                                              + " with "
                                              + arg.getKey()
                                              + " *");
                                    }
                                  }));
            }
          }
        }
        case "AWS::IAM::Role" -> {
          for (JsonNode p : props.path("Policies")) {
            statements(name, p.path("PolicyDocument"), problems);
          }
          for (JsonNode arn : props.path("ManagedPolicyArns")) {
            if (ALLOWED_MANAGED.stream().noneMatch(m -> arn.asText().endsWith("/" + m))) {
              problems.add(
                  name + ": managed policy " + arn.asText() + " grants more than the role needs");
            }
          }
        }
        case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
            statements(name, props.path("PolicyDocument"), problems);
        default -> {
          // no policy
        }
      }
    }
    assertThat(problems).as(file + ": policies wider than needed").isEmpty();
  }

  private static void statements(String owner, JsonNode document, List<String> problems) {
    JsonNode statements = document.path("Statement");
    for (JsonNode s : statements.isArray() ? statements : YAML.createArrayNode().add(statements)) {
      if (!s.path("Effect").asText().equals("Allow")) {
        continue;
      }
      List<String> actions = texts(s.path("Action"));
      List<String> resources = texts(s.path("Resource"));
      String sid = owner + (s.has("Sid") ? "." + s.get("Sid").asText() : "");
      if (actions.isEmpty() || actions.stream().anyMatch(a -> a.equals("*") || a.endsWith(":*"))) {
        problems.add(sid + ": allows every action (" + actions + "); name the actions");
      }
      if (s.has("NotAction") || s.has("NotResource")) {
        problems.add(sid + ": NotAction/NotResource allow more than they name");
      }
      if (resources.contains("*") && !STAR_ONLY_ACTIONS.containsAll(actions)) {
        problems.add(sid + ": Resource * for " + actions + "; name the resources");
      }
      if (resources.stream().anyMatch(res -> res.matches("arn:[^:]*:s3:::\\*.*|.*:bucket/\\*"))) {
        problems.add(sid + ": every bucket in " + resources);
      }
    }
  }

  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode()) {
      out.add(node.asText());
    }
    return out;
  }
}
