package dev.genaiaws.core;

/**
 * One piece of a message or a response: {@link TextBlock}, {@link ImageBlock}, {@link
 * DocumentBlock}, a tool call ({@link ToolUseBlock}) or its result ({@link ToolResultBlock}, which
 * may hold a {@link JsonBlock}), the model's reasoning ({@link ReasoningBlock}), cited text ({@link
 * CitationsBlock}) or a prompt-cache point ({@link CachePointBlock}). The set is closed, so a
 * {@code switch} over it needs no default branch:
 *
 * <pre>{@code
 * for (ContentBlock block : response.content()) {
 *   switch (block) { // Java 21; on 17 use instanceof
 *     case TextBlock t -> System.out.print(t.text());
 *     case ImageBlock i -> Files.write(Path.of("out.png"), i.bytes());
 *   }
 * }
 * }</pre>
 */
public sealed interface ContentBlock
    permits TextBlock,
        ImageBlock,
        DocumentBlock,
        ToolUseBlock,
        ToolResultBlock,
        JsonBlock,
        ReasoningBlock,
        CitationsBlock,
        CachePointBlock {}
