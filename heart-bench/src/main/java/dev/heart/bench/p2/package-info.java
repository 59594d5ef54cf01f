/**
 * P2: N Eureka instances kept alive from one {@code Heart} (heart-transport-eureka) side by side
 * with the same N kept by Eureka's own client ({@code com.netflix.eureka:eureka-client}, one
 * {@code DiscoveryClient} per instance, as Spring Cloud runs it), against one local Eureka
 * server, in the same run. {@link dev.heart.bench.p2.EurekaSideBySide} runs the server and each
 * side in a child JVM of its own, so that threads, heap and CPU are each side's alone.
 */
@NullMarked
package dev.heart.bench.p2;

import org.jspecify.annotations.NullMarked;
