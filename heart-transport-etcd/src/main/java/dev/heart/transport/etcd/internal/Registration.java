package dev.heart.transport.etcd.internal;

/**
 * One registrant's registration at one endpoint: its lease, its key, and whether the key was seen
 * deleted or overwritten by someone else since it was written. Thread-safe: {@link #lost} is
 * written by the endpoint's watch and read by beats.
 */
final class Registration {
    final long lease;
    final String key;
    /** The revision of our put; changes at or before it are our own. */
    final long putRevision;

    private volatile boolean lost;

    Registration(long lease, String key, long putRevision) {
        this.lease = lease;
        this.key = key;
        this.putRevision = putRevision;
    }

    /** The key was deleted, or written with another lease, after our put. */
    void markLost() {
        lost = true;
    }

    boolean lost() {
        return lost;
    }

    @Override
    public String toString() {
        return "Registration[" + key + ", lease " + Long.toHexString(lease) + (lost ? ", lost" : "") + "]";
    }
}
