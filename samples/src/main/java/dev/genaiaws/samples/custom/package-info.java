/**
 * The custom-model sample: fine-tune on question/answer pairs, provision, ask, chart the loss
 * ({@link dev.genaiaws.samples.custom.CustomModelSample}).
 */
package dev.genaiaws.samples.custom;
