/**
 * Machinery of the Bedrock adapter; not part of the public API and free to change. The {@link
 * dev.genaiaws.bedrock.internal.BedrockTransport} sends encoded bodies with the AWS SDK, {@link
 * dev.genaiaws.bedrock.internal.BedrockClients} builds (lazily) and closes the SDK clients, {@link
 * dev.genaiaws.bedrock.internal.BedrockErrors} maps SDK failures to the SDK's exceptions, and
 * {@link dev.genaiaws.bedrock.internal.ModelArnResolver} looks up the model behind
 * inference-profile, provisioned-throughput, custom-model and deployment ARNs.
 */
@NullMarked
package dev.genaiaws.bedrock.internal;

import org.jspecify.annotations.NullMarked;
