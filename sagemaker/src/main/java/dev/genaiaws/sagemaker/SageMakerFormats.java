package dev.genaiaws.sagemaker;

import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.sagemaker.codec.ChatTemplate;
import dev.genaiaws.sagemaker.codec.HuggingFaceEmbeddingCodec;
import dev.genaiaws.sagemaker.codec.JumpStartEmbeddingCodec;
import dev.genaiaws.sagemaker.codec.JumpStartText2TextCodec;
import dev.genaiaws.sagemaker.codec.RawJsonCodec;
import dev.genaiaws.sagemaker.codec.TgiCodec;

/**
 * The container formats a SageMaker endpoint can speak, as {@link ModelFamily} names. An endpoint's
 * name says nothing about what runs behind it, so you name the format: for all endpoints of a
 * client, per endpoint, or per request.
 *
 * <pre>{@code
 * SageMakerGenerationClient client = SageMakerGenerationClient.builder()
 *     .defaultFormat(SageMakerFormats.TGI)                      // every endpoint ...
 *     .endpoint("my-llama3", SageMakerFormats.TGI_LLAMA3)       // ... except this one
 *     .build();
 * client.generate(r -> r.modelId("other").option(SageMakerFormats.LMI).user("Hi"));   // per request
 * }</pre>
 *
 * <table>
 *   <caption>formats</caption>
 *   <tr><th>constant</th><th>container</th><th>request / answer</th><th>streams</th></tr>
 *   <tr><td>{@link #TGI}</td><td>Hugging Face TGI (HF LLM DLC, JumpStart LLMs)</td>
 *       <td>{@code inputs}+{@code parameters} / {@code [{"generated_text"}]} or object</td><td>yes</td></tr>
 *   <tr><td>{@link #TGI_LLAMA2}, {@link #TGI_LLAMA3}, {@link #TGI_MISTRAL}</td><td>TGI serving that chat
 *       model</td><td>as TGI, prompt rendered with the model's chat template</td><td>yes</td></tr>
 *   <tr><td>{@link #LMI}, {@link #LMI_LLAMA3}</td><td>DJL LMI (vLLM / TensorRT-LLM backends)</td><td>as TGI /
 *       {@code {"generated_text"}}</td><td>yes</td></tr>
 *   <tr><td>{@link #JUMPSTART_TEXT2TEXT}</td><td>JumpStart Flan-T5 and similar</td>
 *       <td>{@code text_inputs} / {@code generated_texts}</td><td>no</td></tr>
 *   <tr><td>{@link #RAW_JSON}</td><td>anything else</td><td>your body / {@code rawBody()}</td><td>as UTF-8
 *       text</td></tr>
 *   <tr><td>{@link #JUMPSTART_EMBEDDING}</td><td>JumpStart text embeddings</td>
 *       <td>{@code text_inputs} / {@code embedding}</td><td>–</td></tr>
 *   <tr><td>{@link #HF_EMBEDDING}</td><td>HF feature extraction</td><td>{@code inputs} / nested lists</td>
 *       <td>–</td></tr>
 * </table>
 */
public final class SageMakerFormats {
  /**
   * Hugging Face Text Generation Inference, prompt sent as written ({@link ChatTemplate#PLAIN}).
   */
  public static final ModelFamily TGI = ModelFamily.of("sagemaker.tgi");

  /** TGI serving a Llama 2 chat model: the prompt is rendered with {@link ChatTemplate#LLAMA2}. */
  public static final ModelFamily TGI_LLAMA2 = ModelFamily.of("sagemaker.tgi-llama2");

  /** TGI serving a Llama 3 instruct model: {@link ChatTemplate#LLAMA3}. */
  public static final ModelFamily TGI_LLAMA3 = ModelFamily.of("sagemaker.tgi-llama3");

  /** TGI serving a Mistral/Mixtral instruct model: {@link ChatTemplate#MISTRAL}. */
  public static final ModelFamily TGI_MISTRAL = ModelFamily.of("sagemaker.tgi-mistral");

  /** DJL Large Model Inference: the TGI request, a {@code {"generated_text"}} object answer. */
  public static final ModelFamily LMI = ModelFamily.of("sagemaker.lmi");

  /** DJL LMI serving a Llama 3 instruct model: {@link ChatTemplate#LLAMA3}. */
  public static final ModelFamily LMI_LLAMA3 = ModelFamily.of("sagemaker.lmi-llama3");

  /** JumpStart text2text ({@code text_inputs} → {@code generated_texts}). */
  public static final ModelFamily JUMPSTART_TEXT2TEXT =
      ModelFamily.of("sagemaker.jumpstart-text2text");

  /**
   * Your own JSON body, the answer in {@code rawBody()}; see {@link
   * dev.genaiaws.sagemaker.codec.RawJson}.
   */
  public static final ModelFamily RAW_JSON = ModelFamily.of("sagemaker.raw-json");

  /** JumpStart text embeddings ({@code text_inputs} → {@code embedding}). */
  public static final ModelFamily JUMPSTART_EMBEDDING =
      ModelFamily.of("sagemaker.jumpstart-embedding");

  /** Hugging Face feature extraction ({@code inputs} → nested lists). */
  public static final ModelFamily HF_EMBEDDING = ModelFamily.of("sagemaker.hf-embedding");

  private SageMakerFormats() {}

  /** A registry of every built-in text-generation format, resolved by family only. */
  public static CodecRegistry<ModelCodec> generationCodecs() {
    TgiCodec tgi = TgiCodec.create();
    TgiCodec lmi = TgiCodec.lmi();
    return CodecRegistry.<ModelCodec>builder()
        .register(tgi)
        .register(tgi.withTemplate(ChatTemplate.LLAMA2).withFamily(TGI_LLAMA2))
        .register(tgi.withTemplate(ChatTemplate.LLAMA3).withFamily(TGI_LLAMA3))
        .register(tgi.withTemplate(ChatTemplate.MISTRAL).withFamily(TGI_MISTRAL))
        .register(lmi)
        .register(lmi.withTemplate(ChatTemplate.LLAMA3).withFamily(LMI_LLAMA3))
        .register(JumpStartText2TextCodec.create())
        .register(RawJsonCodec.create())
        .build();
  }

  /** A registry of the built-in embedding formats, resolved by family only. */
  public static CodecRegistry<EmbeddingCodec> embeddingCodecs() {
    return CodecRegistry.<EmbeddingCodec>builder()
        .register(JumpStartEmbeddingCodec.create())
        .register(HuggingFaceEmbeddingCodec.create())
        .build();
  }
}
