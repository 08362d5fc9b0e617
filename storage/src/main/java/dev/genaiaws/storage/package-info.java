/**
 * Saving generations, text and images, to Amazon S3 or a local folder, without ever overwriting.
 *
 * <p>Start at {@link dev.genaiaws.storage.GenerationStore}: {@code save(request, response)} writes
 * a {@link dev.genaiaws.storage.GenerationRecord} as JSON (and each image as its own object) under
 * a date-partitioned key from a {@link dev.genaiaws.storage.KeyStrategy}, and returns a {@link
 * dev.genaiaws.storage.StoredGeneration} with the key and URI. Pick {@link
 * dev.genaiaws.storage.S3GenerationStore} for a bucket or {@link
 * dev.genaiaws.storage.FileGenerationStore} for a folder; they behave the same. To save every call
 * of an existing client without touching the calling code, wrap it in a {@link
 * dev.genaiaws.storage.PersistingGenerationClient}. Guide: {@code docs/storage.md}.
 */
@NullMarked
package dev.genaiaws.storage;

import org.jspecify.annotations.NullMarked;
