/**
 * What heart's own modules share and users do not: argument checks. Exported only to heart's
 * modules (a qualified export in heart-api's descriptor); on the class path it is reachable, but
 * it is not API and may change without notice.
 */
package dev.heart.api.internal;
