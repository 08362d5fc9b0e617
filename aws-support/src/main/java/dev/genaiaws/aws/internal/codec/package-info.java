/**
 * Wire knowledge shared by the codecs of every adapter, written once: {@link
 * dev.genaiaws.aws.internal.codec.CodecJson} (the one JSON helper and its {@code
 * additionalModelFields} merge rule) and {@link dev.genaiaws.aws.internal.codec.PromptTemplates}
 * (the Llama 2, Llama 3 and Mistral chat templates, with one rule for blank system prompts). Like
 * codecs, nothing here does I/O or touches an AWS type. Internal: not an API, may change in any
 * release.
 */
@NullMarked
package dev.genaiaws.aws.internal.codec;

import org.jspecify.annotations.NullMarked;
