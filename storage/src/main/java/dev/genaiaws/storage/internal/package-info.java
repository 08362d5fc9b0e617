/**
 * Machinery behind the stores: key validation ({@link dev.genaiaws.storage.internal.StorageKeys}),
 * the record's JSON codec ({@link dev.genaiaws.storage.internal.RecordJson}), the save procedure
 * shared by all stores ({@link dev.genaiaws.storage.internal.GenerationSaver}) and the streaming
 * tap of the persisting client. Not part of the public API: it may change in any release.
 */
@NullMarked
package dev.genaiaws.storage.internal;

import org.jspecify.annotations.NullMarked;
