package dev.genaiaws.bedrock.internal;

import dev.genaiaws.bedrock.BedrockApi;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.UnknownModelException;
import dev.genaiaws.core.internal.CodecWire;
import dev.genaiaws.core.internal.Wire;

/**
 * Routes each request of a {@code BedrockGenerationClient} to InvokeModel (the family codecs) or Converse: the
 * request's {@link BedrockApi} option, else the client's; under {@link BedrockApi#AUTO} InvokeModel when a
 * codec knows the model and can express the request, Converse otherwise. Internal.
 */
public final class BedrockWire implements Wire {
  private final CodecWire invokeModel;
  private final ConverseWire converse;
  private final BedrockApi defaultApi;

  public BedrockWire(CodecWire invokeModel, ConverseWire converse, BedrockApi defaultApi) {
    this.invokeModel = invokeModel;
    this.converse = converse;
    this.defaultApi = defaultApi == null ? BedrockApi.AUTO : defaultApi;
  }

  /** The API a request goes through. */
  public BedrockApi route(GenerationRequest request) {
    BedrockApi api = request.option(BedrockApi.class).orElse(defaultApi);
    if (api != BedrockApi.AUTO) {
      return api;
    }
    CodecRegistry.Resolution<ModelCodec> r;
    try {
      r = invokeModel.resolve(request);
    } catch (UnknownModelException e) {
      return BedrockApi.CONVERSE;
    }
    return r.codec().canExpress(request) ? BedrockApi.INVOKE_MODEL : BedrockApi.CONVERSE;
  }

  @Override
  public Call prepare(GenerationRequest request, boolean streaming) {
    return route(request) == BedrockApi.CONVERSE ? converse.prepare(request, streaming)
        : invokeModel.prepare(request, streaming);
  }

  @Override
  public byte[] encode(GenerationRequest request) {
    return route(request) == BedrockApi.CONVERSE ? converse.encode(request) : invokeModel.encode(request);
  }

  @Override
  public GenAiException mapError(Throwable error) {
    return converse.mapError(error);
  }

  @Override
  public void close() {
    invokeModel.close();
  }
}
