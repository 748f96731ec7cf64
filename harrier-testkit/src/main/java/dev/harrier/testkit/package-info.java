/**
 * Test support shared by every module: the locator for the reference data in {@code ../shared/data}, a golden-file
 * helper, and abstract conformance suites that each implementation of an API extends.
 *
 * <p>{@link dev.harrier.testkit.SharedData#require(String)} returns a path under {@code ../shared/data} or skips the
 * calling test with a message naming the missing path. {@link dev.harrier.testkit.Golden} compares output with a
 * checked-in file and rewrites it when run with {@code -Dharrier.golden.update=true}. {@link
 * dev.harrier.testkit.StoreConformanceTest} is what every {@code Store} must pass.
 */
@NullMarked
package dev.harrier.testkit;

import org.jspecify.annotations.NullMarked;
