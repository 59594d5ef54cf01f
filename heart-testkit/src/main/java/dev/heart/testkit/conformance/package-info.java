/**
 * The transport conformance suites, abstract JUnit 5 test classes a transport module extends in its
 * tests: {@link dev.heart.testkit.conformance.TransportConformance} for a transport that can carry
 * any registry handler's answer, {@link dev.heart.testkit.conformance.ServerTransportConformance}
 * for a transport whose registry is a real server it does not control (etcd).
 */
package dev.heart.testkit.conformance;
