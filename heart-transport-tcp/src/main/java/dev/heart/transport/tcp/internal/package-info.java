/**
 * The implementation of the tcp transport and registry server: the wire codec, the frame decoder,
 * the NIO loops of client and server. Not exported; nothing here is API.
 */
package dev.heart.transport.tcp.internal;
