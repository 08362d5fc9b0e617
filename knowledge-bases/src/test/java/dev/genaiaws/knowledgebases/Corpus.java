package dev.genaiaws.knowledgebases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJobStatus;

/**
 * A small product catalogue for tests, written to a folder the emulator serves as bucket {@code
 * docs}.
 */
final class Corpus {
  static final String KB = "KB12345678";
  static final String DS = "DS12345678";
  static final String BUCKET = "docs";
  static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-test"));

  private Corpus() {}

  static void write(Path root, String key, String text) {
    try {
      Path p = root.resolve(key);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Three pumps, two lamps, one kettle, with metadata sidecars. */
  static void catalogue(Path root) {
    write(
        root,
        "pumps/atlas.txt",
        "The Atlas pump moves 40 litres per minute. It was released in 2019 and costs"
            + " 300 euros. Atlas is made of cast iron.");
    write(
        root,
        "pumps/atlas.txt.metadata.json",
        "{\"metadataAttributes\":{\"category\":\"pump\",\"year\":2019,"
            + "\"model\":\"AT-40\",\"tags\":[\"water\",\"garden\"]}}");
    write(
        root,
        "pumps/borealis.md",
        "# Borealis\nThe Borealis pump is silent at 20 decibels. Borealis was"
            + " released in 2023. The Borealis pump costs 450 euros.");
    write(
        root,
        "pumps/borealis.md.metadata.json",
        "{\"metadataAttributes\":{\"category\":\"pump\",\"year\":2023,"
            + "\"model\":\"BO-20\",\"tags\":[\"quiet\",\"indoor\"]}}");
    write(
        root,
        "pumps/cyclone.txt",
        "The Cyclone pump drains flooded cellars. Cyclone was released in 2021 and"
            + " pumps 90 litres per minute.");
    write(
        root,
        "pumps/cyclone.txt.metadata.json",
        "{\"metadataAttributes\":{\"category\":\"pump\",\"year\":2021,"
            + "\"model\":\"CY-90\",\"tags\":[\"water\",\"cellar\"]}}");
    write(
        root,
        "lamps/cirrus.txt",
        "The Cirrus lamp glows blue. Cirrus lamps use 4 watts and last ten years.");
    write(
        root,
        "lamps/cirrus.txt.metadata.json",
        "{\"metadataAttributes\":{\"category\":\"lamp\",\"year\":2021,"
            + "\"model\":\"CI-4\",\"tags\":[\"indoor\"]}}");
    write(
        root, "lamps/dawn.txt", "The Dawn lamp wakes you with a slow sunrise. Dawn uses 9 watts.");
    write(
        root,
        "lamps/dawn.txt.metadata.json",
        "{\"metadataAttributes\":{\"category\":\"lamp\",\"year\":2018,"
            + "\"model\":\"DA-9\",\"tags\":[\"bedroom\"]}}");
    write(
        root,
        "kitchen/ember.txt",
        "The Ember kettle boils a litre of water in ninety seconds. Ember costs 60" + " euros.");
  }

  /**
   * Runs one ingestion job to completion with the raw SDK (the module's own ingestion is tested
   * separately).
   */
  static void ingest(URI endpoint) {
    try (BedrockAgentClient agent =
        BedrockAgentClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String id =
          agent
              .startIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS))
              .ingestionJob()
              .ingestionJobId();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (agent
              .getIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS).ingestionJobId(id))
              .ingestionJob()
              .status()
          != IngestionJobStatus.COMPLETE) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("ingestion did not complete");
        }
      }
    }
  }
}
