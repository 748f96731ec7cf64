/**
 * JMH benchmarks that mirror the main packages. Build with {@code mvn -pl harrier-benchmarks -am package
 * -DskipTests}, run with {@code java -jar harrier-benchmarks/target/benchmarks.jar NAME}. Each benchmark's Javadoc
 * names the workload it models; {@link dev.harrier.benchmarks.BenchData} finds the reference data in
 * {@code ../shared/data} (or {@code -Dharrier.shared.data=DIR}). Results go to {@code docs/performance.md}.
 */
@NullMarked
package dev.harrier.benchmarks;

import org.jspecify.annotations.NullMarked;
