package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.cost.CostTracker;
import dev.genaiaws.micrometer.GenAiObservationListener;
import dev.genaiaws.opentelemetry.GenAiTelemetry;
import dev.genaiaws.testkit.BedrockEmulator;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the telemetry add-ons cost per call: the same {@code generate} with no listener, with
 * OpenTelemetry (a real SDK: every span sampled and batched to an exporter that drops them, metrics
 * aggregated), with Micrometer (an observation registry timing into a simple meter registry) and
 * with the cost tracker, side by side.
 */
final class TelemetryOverhead {
  private TelemetryOverhead() {}

  static List<Overhead.Row> run(
      BedrockEmulator emulator, int rounds, long roundNanos, int warmCalls) {
    OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build())
                    .build())
            .setMeterProvider(
                SdkMeterProvider.builder()
                    .registerMetricReader(PeriodicMetricReader.create(new DroppingMetricExporter()))
                    .build())
            .build();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

    List<BedrockGenerationClient> clients = new ArrayList<>();
    List<CallVariants.Variant> variants = new ArrayList<>();
    variants.add(variant(clients, emulator, "plain", "generate, no listener", null));
    variants.add(
        variant(
            clients, emulator, "otel", "generate + OpenTelemetry", GenAiTelemetry.create(otel)));
    variants.add(
        variant(
            clients,
            emulator,
            "micrometer",
            "generate + Micrometer",
            GenAiObservationListener.builder(observations).meterRegistry(meters).build()));
    variants.add(
        variant(
            clients,
            emulator,
            "cost",
            "generate + cost tracker",
            CostTracker.forRegion("us-east-1")));
    try {
      // the shared code is compiled by the overhead stage before this one; the listeners' code
      // needs calls of its own (warmCalls)
      return Overhead.measure(
          emulator, variants, List.of(Workload.Size.SMALL), rounds, roundNanos, warmCalls);
    } finally {
      clients.forEach(BedrockGenerationClient::close);
      otel.close();
    }
  }

  /** Takes metrics and drops them, so that only the SDK's own aggregation is measured. */
  private static final class DroppingMetricExporter implements MetricExporter {
    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return AggregationTemporality.CUMULATIVE;
    }
  }

  private static CallVariants.Variant variant(
      List<BedrockGenerationClient> clients,
      BedrockEmulator emulator,
      String key,
      String label,
      @Nullable GenerationListener listener) {
    BedrockGenerationClient.Builder b =
        BedrockGenerationClient.builder()
            .region(Workload.REGION)
            .credentialsProvider(Workload.CREDENTIALS)
            .endpointOverride(emulator.endpoint());
    if (listener != null) {
      b.listener(listener);
    }
    BedrockGenerationClient client = b.build();
    clients.add(client);
    return new CallVariants.Variant(
        key,
        label,
        "InvokeModel",
        prompt -> client.generate(Workload.request(prompt, Workload.MAX_TOKENS)).text());
  }
}
