package dev.genaiaws.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fences of docs/design/decisions.md ("Fenced internals", "Module descriptors"), checked over
 * the main classes of every module: what core may import, codecs without I/O, samples without
 * internals, every package {@code @NullMarked}, and each module's {@code internal} packages used
 * only by the modules that table {@link #INTERNAL_USERS} names. Since the published modules have
 * {@code module-info.java}, JPMS enforces the last rule too: {@link
 * #moduleDescriptors_exportInternalsExactlyToTheListedUsers} checks that their qualified exports
 * say exactly what the table says, and module {@code jpms-check} proves the descriptors at run time
 * on the module path. ArchUnit keeps what JPMS cannot express (imports inside a module, codecs'
 * I/O, samples, which are not a module).
 */
class ArchitectureTest {
  /**
   * Each module's root package, and the modules (by root package) allowed to use its {@code
   * internal} packages besides itself. Adding a user here is a design decision: record it.
   */
  static final Map<String, List<String>> INTERNAL_USERS =
      Map.ofEntries(
          // the shared pipeline (runtime, transport SPI, retry executor) of every adapter and job
          // module; storage
          // checks its public arguments with the one Checks helper (decision 6); aws-support holds
          // the one SDK
          // transport and stream bridge the adapters extend (SdkTransport, SdkCalls.stream)
          Map.entry(
              "dev.genaiaws.core",
              List.of(
                  "dev.genaiaws.bedrock",
                  "dev.genaiaws.sagemaker",
                  "dev.genaiaws.batch",
                  "dev.genaiaws.customization",
                  "dev.genaiaws.knowledgebases",
                  "dev.genaiaws.storage",
                  "dev.genaiaws.aws")),
          // the internal module of AWS SDK plumbing and shared wire knowledge
          Map.entry(
              "dev.genaiaws.aws",
              List.of(
                  "dev.genaiaws.bedrock",
                  "dev.genaiaws.sagemaker",
                  "dev.genaiaws.batch",
                  "dev.genaiaws.customization",
                  "dev.genaiaws.knowledgebases")),
          // the control-plane model resolver, reused by customization jobs; the Converse wire,
          // reused by batch
          // jobs so that a Converse-shaped record is encoded and read back by the one Converse
          // mapping
          Map.entry(
              "dev.genaiaws.bedrock", List.of("dev.genaiaws.customization", "dev.genaiaws.batch")),
          // the record JSON, reused by knowledge bases' saved answers
          Map.entry("dev.genaiaws.storage", List.of("dev.genaiaws.knowledgebases")),
          Map.entry("dev.genaiaws.sagemaker", List.of()),
          Map.entry("dev.genaiaws.batch", List.of()),
          Map.entry("dev.genaiaws.customization", List.of()),
          Map.entry("dev.genaiaws.knowledgebases", List.of()),
          Map.entry("dev.genaiaws.cost", List.of()),
          Map.entry("dev.genaiaws.opentelemetry", List.of()),
          Map.entry("dev.genaiaws.micrometer", List.of()),
          Map.entry("dev.genaiaws.testkit", List.of()),
          Map.entry("dev.genaiaws.samples", List.of()));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.genaiaws");
  }

  @Test
  void import_seesEveryModule_soNoRuleHoldsVacuously() {
    for (String module : INTERNAL_USERS.keySet()) {
      org.assertj.core.api.Assertions.assertThat(
              classes.stream().anyMatch(c -> c.getPackageName().startsWith(module)))
          .as("classes of %s imported", module)
          .isTrue();
    }
    org.assertj.core.api.Assertions.assertThat(
            classes.contain("dev.genaiaws.aws.internal.codec.CodecJson"))
        .isTrue();
  }

  @Test
  void core_importsNoAwsAndNoJacksonType() {
    noClasses()
        .that()
        .resideInAPackage("dev.genaiaws.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.fasterxml.jackson..")
        .because(
            "core is the provider-neutral API: AWS types live in the adapters, JSON in JsonValue")
        .check(classes);
  }

  @Test
  void codecs_doNoIo() {
    noClasses()
        .that()
        .resideInAnyPackage("..codec..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net..", "java.nio.file..", "java.nio.channels..", "software.amazon..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileInputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.RandomAccessFile")
        .because(
            "codecs turn requests into bytes and bytes into responses: no network, files or AWS types")
        .check(classes);
  }

  @Test
  void samples_useNoInternalPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.genaiaws.samples..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "are in another module's internal package",
                c ->
                    c.getPackageName().contains(".internal")
                        && !c.getPackageName().startsWith("dev.genaiaws.samples.")))
        .because("samples show what users write, and users cannot rely on internal packages")
        .check(classes);
  }

  @Test
  void everyPackage_isNullMarked_soNullAwayChecksIt() {
    // NullAway runs with OnlyNullMarked=true: a package without @NullMarked would be skipped
    // silently
    List<String> unmarked =
        classes.stream()
            .map(c -> c.getPackage())
            .distinct()
            .filter(p -> !p.isAnnotatedWith("org.jspecify.annotations.NullMarked"))
            .map(p -> p.getName())
            .sorted()
            .toList();
    org.assertj.core.api.Assertions.assertThat(unmarked)
        .as(
            "packages without @NullMarked in package-info.java (docs/design/decisions.md, \"Build gates\")")
        .isEmpty();
  }

  /**
   * The module descriptors say what {@link #INTERNAL_USERS} says: each published module (named
   * after its root package) exports its {@code internal} packages only to the listed users (not at
   * all when the list is empty), every other package to everyone, and opens nothing. Read from the
   * {@code module-info.class} of each module on the class path; samples has none.
   */
  @Test
  void moduleDescriptors_exportInternalsExactlyToTheListedUsers() throws Exception {
    Map<String, ModuleDescriptor> descriptors = new TreeMap<>();
    Enumeration<URL> found =
        ArchitectureTest.class.getClassLoader().getResources("module-info.class");
    while (found.hasMoreElements()) {
      URL url = found.nextElement();
      String name;
      try (InputStream in = url.openStream()) {
        name = ModuleDescriptor.read(in).name();
      }
      if (!name.startsWith("dev.genaiaws.")) {
        continue;
      }
      // a jar (installed modules) or a classes folder (reactor): the finder reads its packages too
      Path root =
          "jar".equals(url.getProtocol())
              ? Path.of(new URI(url.getPath().substring(0, url.getPath().indexOf("!/"))))
              : Path.of(url.toURI()).getParent();
      descriptors.put(name, ModuleFinder.of(root).find(name).orElseThrow().descriptor());
    }
    Set<String> published = new TreeSet<>(INTERNAL_USERS.keySet());
    published.remove("dev.genaiaws.samples");
    org.assertj.core.api.Assertions.assertThat(descriptors.keySet())
        .as(
            "modules with a module-info.class (every published artifact, named after its root package)")
        .containsExactlyElementsOf(published);

    List<String> wrong = new ArrayList<>();
    descriptors.forEach(
        (module, descriptor) -> {
          Set<String> users = new TreeSet<>(INTERNAL_USERS.get(module));
          if (descriptor.isOpen() || !descriptor.opens().isEmpty()) {
            wrong.add(module + " opens packages");
          }
          for (String pkg : new TreeSet<>(descriptor.packages())) {
            Optional<ModuleDescriptor.Exports> exports =
                descriptor.exports().stream().filter(e -> e.source().equals(pkg)).findFirst();
            boolean internal =
                pkg.equals(module + ".internal") || pkg.startsWith(module + ".internal.");
            if (!internal) {
              if (exports.isEmpty() || exports.get().isQualified()) {
                wrong.add(pkg + " should be exported to everyone");
              }
            } else if (users.isEmpty()) {
              if (exports.isPresent()) {
                wrong.add(pkg + " should not be exported (INTERNAL_USERS lists no user)");
              }
            } else if (exports.isEmpty() || !exports.get().targets().equals(users)) {
              wrong.add(
                  pkg
                      + " should be exported exactly to "
                      + users
                      + " but is exported to "
                      + exports
                          .map(e -> e.isQualified() ? e.targets().toString() : "everyone")
                          .orElse("nobody"));
            }
          }
        });
    org.assertj.core.api.Assertions.assertThat(wrong)
        .as("module descriptors against INTERNAL_USERS")
        .isEmpty();
  }

  @TestFactory
  List<DynamicTest> internalPackages_usedOnlyByTheirModuleAndListedUsers() {
    List<DynamicTest> tests = new ArrayList<>();
    INTERNAL_USERS.forEach(
        (module, users) ->
            tests.add(
                DynamicTest.dynamicTest(
                    module,
                    () -> {
                      List<String> allowed = new ArrayList<>();
                      allowed.add(module + "..");
                      users.forEach(u -> allowed.add(u + ".."));
                      ArchRule rule =
                          noClasses()
                              .that()
                              .resideInAPackage("dev.genaiaws..")
                              .and()
                              .resideOutsideOfPackages(allowed.toArray(String[]::new))
                              .should()
                              .dependOnClassesThat()
                              .resideInAPackage(module + ".internal..")
                              .because(
                                  module
                                      + ".internal is machinery; list a new user in INTERNAL_USERS only by decision")
                              .allowEmptyShould(true);
                      rule.check(classes);
                    })));
    return tests;
  }
}
