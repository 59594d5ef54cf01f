/**
 * The transport conformance suite: {@link dev.heart.testkit.conformance.TransportConformance}, an
 * abstract JUnit 5 test class that every transport module extends in its tests.
 */
package dev.heart.testkit.conformance;
