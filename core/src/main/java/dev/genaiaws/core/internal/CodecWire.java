package dev.genaiaws.core.internal;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The byte-body {@link Wire}: the family's {@link ModelCodec} encodes the request into the model's
 * own JSON and a {@link Transport} sends it (Bedrock InvokeModel, SageMaker endpoints). Internal.
 */
public final class CodecWire implements Wire {
  private final GenerationRuntime.Settings settings;
  private final Transport transport;

  public CodecWire(GenerationRuntime.Settings settings, Transport transport) {
    this.settings = settings;
    this.transport = transport;
  }

  /** Resolves the codec for a request: its own family option, else the client's, else the id. */
  public CodecRegistry.Resolution<ModelCodec> resolve(GenerationRequest request) {
    return settings.codecs().resolve(request.modelId(), family(request));
  }

  /** {@link #resolve}, empty instead of an exception when no codec knows the model. */
  public Optional<CodecRegistry.Resolution<ModelCodec>> find(GenerationRequest request) {
    return settings.codecs().find(request.modelId(), family(request));
  }

  private @Nullable ModelFamily family(GenerationRequest request) {
    return request.option(ModelFamily.class).orElse(settings.familyOverride());
  }

  @Override
  public Call prepare(GenerationRequest request, boolean streaming) {
    return prepare(request, streaming, resolve(request));
  }

  /**
   * {@link #prepare(GenerationRequest, boolean)} with the codec already resolved for this request
   * (by a router that had to resolve it to choose this wire), so that it is resolved once per call.
   */
  public Call prepare(
      GenerationRequest request, boolean streaming, CodecRegistry.Resolution<ModelCodec> resolved) {
    CodecCall call = encodeChecked(request, streaming, resolved);
    // refused before sending when the body does not fit the operation it goes to
    if (call.body().length > transport.maxRequestBytes(streaming)) {
      throw new InvalidRequestException(transport.tooLarge(call.body().length, streaming));
    }
    return call;
  }

  /**
   * The body a request is encoded to, checked as for sending but without the operation's size
   * limit: a body too large for a real-time call may still go through another route (SageMaker
   * asynchronous inference).
   */
  @Override
  public byte[] encode(GenerationRequest request) {
    return encodeChecked(request, false, resolve(request)).body();
  }

  private CodecCall encodeChecked(
      GenerationRequest request, boolean streaming, CodecRegistry.Resolution<ModelCodec> r) {
    ModelCodec codec = r.codec();
    if (!codec.canExpress(request)) {
      throw new InvalidRequestException(
          "the "
              + codec.family()
              + " family's own API (model "
              + request.modelId()
              + ") cannot express "
              + request.firstRichFeature()
              + (settings.provider().equals("bedrock")
                  ? ": send it through the Converse API"
                  : ""));
    }
    if (request.imageConfig() != null && !codec.generatesImages()) {
      throw new InvalidRequestException(
          "imageConfig is set, but "
              + request.modelId()
              + " is a text model and"
              + " would ignore it: remove imageConfig, or use an image model such as amazon.nova-canvas-v1:0");
    }
    if (streaming && !codec.supportsStreaming()) {
      throw new InvalidRequestException(
          "the "
              + codec.family()
              + " family (model "
              + request.modelId()
              + ") cannot stream; call generate instead");
    }
    InferenceConfig merged = settings.defaults().withOverrides(request.inferenceConfig());
    InferenceConfig checked =
        parameters(codec, r.baseModelId())
            .apply(merged, r.baseModelId(), settings.unsupportedParameters());
    @SuppressWarnings("ReferenceEquality") // the same instance back means "nothing dropped"
    GenerationRequest ready =
        checked == request.inferenceConfig() ? request : request.withInferenceConfig(checked);
    byte[] body =
        streaming
            ? codec.encodeForStream(ready, r.baseModelId())
            : codec.encode(ready, r.baseModelId());
    return new CodecCall(ready, codec, r.baseModelId(), body);
  }

  /**
   * A codec's declaration for one model: a pure function of the two, built once per model, not per
   * call.
   */
  private record ParametersKey(ModelCodec codec, String baseModelId) {
    // written out: a record's generated equals and hashCode are bootstrapped through
    // java.lang.runtime.ObjectMethods on first use, which spun ~80 method-handle classes on the
    // first call of every function (~30 ms of a Lambda cold start, from the class-load log)
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ParametersKey k
          && k.codec.equals(codec)
          && k.baseModelId.equals(baseModelId);
    }

    @Override
    public int hashCode() {
      return 31 * codec.hashCode() + baseModelId.hashCode();
    }
  }

  /**
   * Bounds the cache: ids come from callers, and past this many distinct models it is not worth
   * keeping.
   */
  private static final int MAX_CACHED_PARAMETERS = 256;

  private final Map<ParametersKey, ParameterSupport> parameters = new ConcurrentHashMap<>();

  private ParameterSupport parameters(ModelCodec codec, String baseModelId) {
    ParametersKey key = new ParametersKey(codec, baseModelId);
    ParameterSupport cached = parameters.get(key);
    if (cached != null) {
      return cached;
    }
    ParameterSupport made = codec.parameters(baseModelId);
    if (parameters.size() < MAX_CACHED_PARAMETERS) {
      parameters.putIfAbsent(key, made);
    }
    return made;
  }

  @Override
  public GenAiException mapError(Throwable error) {
    return transport.mapError(error);
  }

  @Override
  public void close() {
    transport.close();
  }

  private final class CodecCall implements Call {
    private final GenerationRequest request;
    private final ModelCodec codec;
    private final String baseModelId;
    private final byte[] body;

    CodecCall(GenerationRequest request, ModelCodec codec, String baseModelId, byte[] body) {
      this.request = request;
      this.codec = codec;
      this.baseModelId = baseModelId;
      this.body = body;
    }

    @Override
    public GenerationRequest request() {
      return request;
    }

    @Override
    public String baseModelId() {
      return baseModelId;
    }

    @Override
    public byte[] body() {
      return body;
    }

    @Override
    public Answer invoke(Invocation inv) {
      return answer(transport.invoke(inv));
    }

    @Override
    public CompletableFuture<Answer> invokeAsync(Invocation inv) {
      return Wire.thenRead(transport.invokeAsync(inv), this::answer);
    }

    private Answer answer(RawResponse raw) {
      GenerationResponse decoded;
      try {
        decoded = codec.decode(raw.body(), request);
      } catch (GenAiException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CodecException(
            "could not read the answer of "
                + request.modelId()
                + " as "
                + codec.family()
                + ": "
                + e.getClass().getSimpleName(),
            e);
      }
      TokenUsage usage = decoded.usage().orElse(raw.headerUsage());
      // orElse hands back the same instance when it has nothing to fill in; compared by identity,
      // as a record's generated equals costs its bootstrap on the first call (see ParametersKey)
      @SuppressWarnings("ReferenceEquality")
      boolean unchanged = usage == decoded.usage();
      GenerationResponse withUsage = unchanged ? decoded : decoded.toBuilder().usage(usage).build();
      return new Answer(withUsage, raw.requestId(), raw.latency(), raw.attributes());
    }

    @Override
    public Stream<byte[]> stream(Invocation inv) {
      StreamDecoder decoder = codec.newStreamDecoder();
      return new Stream<>(
          transport.invokeStream(inv),
          new ChunkDecoder<>() {
            @Override
            public void decode(byte[] chunk, Consumer<GenerationEvent> sink) {
              try {
                decoder.decode(chunk, sink);
              } catch (GenAiException e) {
                throw e;
              } catch (RuntimeException e) {
                throw new CodecException(
                    "could not read a stream chunk of "
                        + request.modelId()
                        + " as "
                        + codec.family()
                        + ": "
                        + e.getClass().getSimpleName(),
                    e);
              }
            }

            @Override
            public void finish(Consumer<GenerationEvent> sink) {
              decoder.finish(sink);
            }
          });
    }
  }
}
