/**
 * The one shape every long-running control-plane job shares: batch inference, batch transform,
 * model customization, knowledge-base ingestion. Provider-neutral; no AWS type appears here.
 *
 * <p>Start at {@link dev.genaiaws.core.job.Job}, the handle a submit call returns:
 *
 * <ul>
 *   <li>{@link dev.genaiaws.core.job.Job#refresh()} asks the service once and returns a {@link
 *       dev.genaiaws.core.job.JobSnapshot}: the kind's typed status (an enum implementing {@link
 *       dev.genaiaws.core.job.JobStatus}), the raw status string the service sent, the {@link
 *       dev.genaiaws.core.job.JobProgress} and the service's message;
 *   <li>{@link dev.genaiaws.core.job.Job#await(java.time.Duration)} polls with capped exponential
 *       back-off ({@link dev.genaiaws.core.job.AwaitPolicy}, waiting through the injectable {@link
 *       dev.genaiaws.core.Sleeper}) until the job reaches a terminal {@link
 *       dev.genaiaws.core.job.JobState}, or throws {@link
 *       dev.genaiaws.core.job.JobDeadlineExceededException} when the deadline passes first (the job
 *       keeps running: await again or re-attach later);
 *   <li>{@link dev.genaiaws.core.job.Job#stop()} asks the service to stop it.
 * </ul>
 *
 * <p>Re-attaching: each job kind's client offers {@code attach(String idOrArn)}, which rebuilds a
 * handle from the service alone (never from memory of the process that submitted it), so a job
 * submitted by one process can be awaited and read by another.
 */
@NullMarked
package dev.genaiaws.core.job;

import org.jspecify.annotations.NullMarked;
