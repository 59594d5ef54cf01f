/** Not exported: what this module's packages share and its users do not. */
package dev.heart.engine.internal;
