package dev.genaiaws.knowledgebases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.knowledgebases.Citation;
import dev.genaiaws.knowledgebases.MetadataFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.model.GeneratedResponsePart;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalFilter;

/** The pure conversions: spans in either convention, filters, metadata values, model ARNs. */
class WireTest {
  private static GeneratedResponsePart part(String text, int start, int end) {
    return GeneratedResponsePart.builder()
        .textResponsePart(t -> t.text(text).span(s -> s.start(start).end(end)))
        .build();
  }

  @Test
  void citationSpan_inclusiveOrExclusiveEnd_bothReadAsTheCitedText() {
    String answer = "Alpha beta. Gamma delta.";
    Citation inclusive = Wire.citation(answer, part("Gamma delta.", 12, 23), List.of());
    Citation exclusive = Wire.citation(answer, part("Gamma delta.", 12, 24), List.of());
    assertThat(answer.substring(inclusive.start(), inclusive.end())).isEqualTo("Gamma delta.");
    assertThat(answer.substring(exclusive.start(), exclusive.end())).isEqualTo("Gamma delta.");
    Citation beyond = Wire.citation(answer, part("x", 20, 400), List.of());
    assertThat(beyond.end()).isEqualTo(answer.length());
  }

  @Test
  void filter_mapsEveryOperatorToItsUnionMember() {
    RetrievalFilter f =
        Wire.filter(
            MetadataFilter.orAll(
                MetadataFilter.startsWith("k", "v"),
                MetadataFilter.notIn("n", List.of(1, 2.5, true))));
    assertThat(f.orAll()).hasSize(2);
    assertThat(f.orAll().get(0).startsWith().key()).isEqualTo("k");
    assertThat(f.orAll().get(1).notIn().value().asList())
        .extracting(Document::toString)
        .containsExactly("1", "2.5", "true");
    assertThat(MetadataFilter.equalTo("k", "secret").toString())
        .isEqualTo("EQUALS(k)")
        .doesNotContain("secret");
  }

  @Test
  void metadata_becomesPlainJavaValues() {
    Map<String, Object> m =
        Wire.metadata(
            Map.of(
                "n",
                Document.fromNumber(2019),
                "d",
                Document.fromNumber(2.5),
                "b",
                Document.fromBoolean(true),
                "l",
                Document.fromList(List.of(Document.fromString("a"))),
                "s",
                Document.fromString("x")));
    assertThat(m)
        .containsEntry("n", 2019L)
        .containsEntry("d", 2.5)
        .containsEntry("b", true)
        .containsEntry("l", List.of("a"))
        .containsEntry("s", "x");
  }

  @Test
  void modelArns_foundationIdsBecomeArns_profilesAndArnsStay() {
    assertThat(ModelArns.resolve("amazon.nova-lite-v1:0", Region.EU_WEST_1))
        .isEqualTo("arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0");
    assertThat(ModelArns.resolve("eu.amazon.nova-lite-v1:0", Region.EU_WEST_1))
        .isEqualTo("eu.amazon.nova-lite-v1:0");
    assertThat(ModelArns.resolve("amazon.nova-lite-v1:0", null)).isEqualTo("amazon.nova-lite-v1:0");
    assertThatThrownBy(() -> ModelArns.resolve(null, Region.US_EAST_1))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("defaultModelId");
  }
}
