/**
 * Streaming chat in the terminal: {@link dev.genaiaws.samples.chat.ChatSample} keeps a multi-turn
 * conversation and prints each answer as the model writes it.
 */
@NullMarked
package dev.genaiaws.samples.chat;

import org.jspecify.annotations.NullMarked;
