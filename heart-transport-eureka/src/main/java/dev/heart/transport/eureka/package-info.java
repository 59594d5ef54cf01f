/**
 * The public face of the {@code eureka} transport: {@link dev.heart.transport.eureka.EurekaTransport}
 * (schemes, registrant attributes, a builder of transports with their own settings). Everything
 * else lives in the unexported {@code internal} package.
 */
package dev.heart.transport.eureka;
