/**
 * Local emulators of Amazon Bedrock Runtime, Amazon SageMaker Runtime and Amazon Bedrock Knowledge
 * Bases for offline tests.
 *
 * <p>Start with {@link dev.genaiaws.testkit.BedrockEmulator} or {@link
 * dev.genaiaws.testkit.SageMakerEmulator} (or {@link dev.genaiaws.testkit.KnowledgeBaseEmulator}
 * for Retrieve, RetrieveAndGenerate and ingestion), point a real AWS SDK client at their {@code
 * endpoint()}, script failures with {@link dev.genaiaws.testkit.Fault} and assert on {@link
 * dev.genaiaws.testkit.RecordedRequest}s. In JUnit 5 tests register {@link
 * dev.genaiaws.testkit.BedrockEmulatorExtension} or {@link
 * dev.genaiaws.testkit.SageMakerEmulatorExtension} (or {@link
 * dev.genaiaws.testkit.KnowledgeBaseEmulatorExtension}); outside tests run {@link
 * dev.genaiaws.testkit.Main}.
 */
@NullMarked
package dev.genaiaws.testkit;

import org.jspecify.annotations.NullMarked;
