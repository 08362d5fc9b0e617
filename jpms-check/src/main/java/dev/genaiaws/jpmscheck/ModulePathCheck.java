package dev.genaiaws.jpmscheck;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.ResponseFormat;
import dev.genaiaws.cost.CostTracker;
import dev.genaiaws.jpmscheck.records.City;
import dev.genaiaws.micrometer.GenAiObservationListener;
import dev.genaiaws.opentelemetry.GenAiTelemetry;
import dev.genaiaws.sagemaker.SageMakerFormats;
import dev.genaiaws.sagemaker.SageMakerGenerationClient;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.storage.StoredGeneration;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.SageMakerEmulator;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ResolvedModule;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs on the module path (never on the class path: it fails if it finds itself in the unnamed
 * module) and checks what the module descriptors promise at run time:
 *
 * <ol>
 *   <li>every published module resolved as a named, explicit module (the JVM refused to start if a
 *       {@code requires} had no module), and every module one of them {@code requires} is explicit
 *       or names itself in its manifest ({@code Automatic-Module-Name}), never a name derived from
 *       a file name;
 *   <li>every {@code internal} package is exported to nobody at large, and a public method in one
 *       cannot be called from here (JPMS refuses it);
 *   <li>real calls cross the modules: Bedrock generate, stream (the Netty client) and structured
 *       output into a record of this module, SageMaker generate, a saved and reloaded generation,
 *       and the cost, OpenTelemetry and Micrometer listeners on every call, against the testkit
 *       emulators.
 * </ol>
 *
 * Any failure is printed and exits with status 1, which fails the build.
 */
public final class ModulePathCheck {
  /** Every published artifact's module, in dependency order. */
  static final List<String> PUBLISHED =
      List.of(
          "dev.genaiaws.core",
          "dev.genaiaws.aws",
          "dev.genaiaws.testkit",
          "dev.genaiaws.bedrock",
          "dev.genaiaws.sagemaker",
          "dev.genaiaws.storage",
          "dev.genaiaws.customization",
          "dev.genaiaws.opentelemetry",
          "dev.genaiaws.micrometer",
          "dev.genaiaws.cost",
          "dev.genaiaws.knowledgebases",
          "dev.genaiaws.batch");

  private static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final String NOVA_MICRO = "us.amazon.nova-micro-v1:0";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCHECK", "secret-check"));

  private final List<String> failures = new ArrayList<>();
  private int checks;

  private ModulePathCheck() {}

  /**
   * Runs every check; exits with status 1 after printing the failures when one fails.
   *
   * @param args none
   */
  public static void main(String[] args) throws IOException {
    ModulePathCheck check = new ModulePathCheck();
    check.modulesResolved();
    check.internalsFenced();
    check.callsCrossTheModules();
    if (!check.failures.isEmpty()) {
      System.err.println("module-path check FAILED (" + check.failures.size() + "):");
      check.failures.forEach(f -> System.err.println("  - " + f));
      System.exit(1);
    }
    System.out.println(
        "module-path check: "
            + check.checks
            + " checks passed over "
            + PUBLISHED.size()
            + " modules and "
            + ModuleLayer.boot().modules().size()
            + " resolved modules");
  }

  private void require(boolean condition, String what) {
    checks++;
    if (!condition) {
      failures.add(what);
    }
  }

  private void modulesResolved() throws IOException {
    require(
        ModulePathCheck.class.getModule().isNamed(),
        "the check runs in its named module (start it with --module-path and --module)");
    for (String name : PUBLISHED) {
      Optional<Module> module = ModuleLayer.boot().findModule(name);
      require(module.isPresent(), name + " is resolved");
      if (module.isEmpty()) {
        continue;
      }
      ModuleDescriptor descriptor = module.get().getDescriptor();
      require(!descriptor.isAutomatic(), name + " has a module-info.class (not automatic)");
      for (ModuleDescriptor.Requires r : descriptor.requires()) {
        if (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
          continue;
        }
        Optional<ResolvedModule> required = ModuleLayer.boot().configuration().findModule(r.name());
        require(required.isPresent(), name + " requires " + r.name() + ", which is resolved");
        if (required.isPresent() && required.get().reference().descriptor().isAutomatic()) {
          require(
              declaresItsName(required.get()),
              name
                  + " requires "
                  + r.name()
                  + ", an automatic module whose name comes from its file name, not from an"
                  + " Automatic-Module-Name");
        }
      }
    }
  }

  private static boolean declaresItsName(ResolvedModule module) throws IOException {
    Optional<URI> location = module.reference().location();
    if (location.isEmpty() || !"file".equals(location.get().getScheme())) {
      return false;
    }
    Path path = Path.of(location.get());
    if (Files.isDirectory(path)) {
      Path manifest = path.resolve("META-INF/MANIFEST.MF");
      if (!Files.exists(manifest)) {
        return false;
      }
      try (InputStream in = Files.newInputStream(manifest)) {
        return new java.util.jar.Manifest(in).getMainAttributes().getValue("Automatic-Module-Name")
            != null;
      }
    }
    try (JarFile jar = new JarFile(path.toFile())) {
      return jar.getManifest() != null
          && jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name") != null;
    }
  }

  private void internalsFenced() {
    Module self = ModulePathCheck.class.getModule();
    for (String name : PUBLISHED) {
      Optional<Module> found = ModuleLayer.boot().findModule(name);
      if (found.isEmpty()) {
        continue;
      }
      Module module = found.get();
      for (String pkg : module.getPackages()) {
        if (pkg.equals(name + ".internal") || pkg.startsWith(name + ".internal.")) {
          require(!module.isExported(pkg), pkg + " is not exported to every module");
          require(!module.isExported(pkg, self), pkg + " is not exported to a user's module");
          require(!module.isOpen(pkg, self), pkg + " is not open to a user's module");
        } else {
          require(module.isExported(pkg), pkg + " is exported");
        }
      }
    }
    // a public method of a public class in an internal package: loadable, not callable from here
    try {
      Class<?> checks = Class.forName("dev.genaiaws.core.internal.Checks");
      checks.getMethod("notBlank", String.class, String.class).invoke(null, "x", "field");
      require(false, "calling dev.genaiaws.core.internal.Checks from a user's module is refused");
    } catch (IllegalAccessException expected) {
      require(true, "calling dev.genaiaws.core.internal.Checks from a user's module is refused");
    } catch (ReflectiveOperationException e) {
      require(false, "dev.genaiaws.core.internal.Checks.notBlank is found: " + e);
    }
  }

  private void callsCrossTheModules() throws IOException {
    CostTracker cost = CostTracker.forRegion("us-east-1");
    GenAiTelemetry telemetry = GenAiTelemetry.create(OpenTelemetry.noop());
    GenAiObservationListener observations =
        GenAiObservationListener.builder(ObservationRegistry.create()).build();
    Path folder = Files.createTempDirectory("genai-aws-module-path-check");
    try (BedrockEmulator bedrock = BedrockEmulator.start();
        SageMakerEmulator sagemaker =
            SageMakerEmulator.builder().endpoint("tgi", SageMakerEmulator.Container.TGI).start();
        BedrockGenerationClient client =
            BedrockGenerationClient.builder()
                .endpointOverride(bedrock.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .listener(cost)
                .listener(telemetry)
                .listener(observations)
                .build();
        SageMakerGenerationClient endpoints =
            SageMakerGenerationClient.builder()
                .endpointOverride(sagemaker.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .defaultFormat(SageMakerFormats.TGI)
                .listener(cost)
                .build()) {
      GenerationRequest hello = GenerationRequest.builder().modelId(HAIKU).user("Hello").build();
      GenerationResponse answer = client.generate(hello);
      require(!answer.text().isBlank(), "Bedrock generate answers text");
      require(
          cost.total().amount().compareTo(BigDecimal.ZERO) > 0,
          "the cost tracker priced the call from the price table bundled in dev.genaiaws.cost");

      try (GenerationStream stream = client.stream(hello)) {
        require(!stream.text().isBlank(), "Bedrock stream (Netty client) delivers text");
      }

      bedrock.enqueueResponse(
          NOVA_MICRO,
          "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":"
              + "\"{\\\"city\\\":\\\"Mexico City\\\",\\\"population\\\":9209944}\"}]}},"
              + "\"stopReason\":\"end_turn\","
              + "\"usage\":{\"inputTokens\":1,\"outputTokens\":1,\"totalTokens\":2},"
              + "\"metrics\":{\"latencyMs\":1}}");
      City city =
          client
              .generate(
                  req ->
                      req.modelId(NOVA_MICRO)
                          .user("Largest city of Mexico?")
                          .responseFormat(ResponseFormat.of(City.class)))
              .as(City.class);
      require(
          city.equals(new City("Mexico City", 9209944)),
          "structured output binds into a record of a package opened to dev.genaiaws.core");

      GenerationResponse tgi =
          endpoints.generate(GenerationRequest.builder().modelId("tgi").user("Hello").build());
      require(!tgi.text().isBlank(), "SageMaker generate answers text");

      StoredGeneration saved = FileGenerationStore.create(folder).save(hello, answer);
      require(
          FileGenerationStore.create(folder).load(saved.key()).outputText().equals(answer.text()),
          "a generation saved to a folder reads back the same text");
    } catch (RuntimeException e) {
      e.printStackTrace();
      require(false, "the calls through the modules ran without an exception: " + e);
    }
    require(cost.calls() >= 4, "every call reached the cost listener (" + cost.calls() + ")");
  }
}
