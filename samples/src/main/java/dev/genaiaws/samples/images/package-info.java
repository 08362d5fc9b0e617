/**
 * Image generation: {@link dev.genaiaws.samples.images.ImageSample} draws images from a prompt and
 * saves them as PNG files.
 */
@NullMarked
package dev.genaiaws.samples.images;

import org.jspecify.annotations.NullMarked;
