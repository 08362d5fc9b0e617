/**
 * The emulated AWS Service Quotas read API ({@code ListServiceQuotas}, {@code
 * ListAWSDefaultServiceQuotas}) on the JSON 1.1 protocol. Internal.
 */
@NullMarked
package dev.genaiaws.testkit.internal.quotas;

import org.jspecify.annotations.NullMarked;
