/**
 * The module-path check: {@link dev.genaiaws.jpmscheck.ModulePathCheck} runs with every published
 * module and its dependencies on the module path.
 */
@NullMarked
package dev.genaiaws.jpmscheck;

import org.jspecify.annotations.NullMarked;
