/**
 * Machinery of the customization module (the model catalog, JSONL, metrics CSV, control-plane calls
 * and polling); not part of the public API and free to change.
 */
@NullMarked
package dev.genaiaws.customization.internal;

import org.jspecify.annotations.NullMarked;
