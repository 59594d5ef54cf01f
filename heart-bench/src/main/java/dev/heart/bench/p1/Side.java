package dev.heart.bench.p1;

/**
 * What one side (heart or jetcd) achieved in the measured window.
 *
 * @param held       keys under the side's prefix in etcd at the end of the window
 * @param keepalives keepalive answers received in the window
 * @param clientCpu  this JVM's CPU time in the window, ns
 * @param etcdCpu    etcd's CPU time in the window, ns
 */
record Side(long held, long keepalives, long clientCpu, long etcdCpu) {
    double clientPerKeepalive() {
        return keepalives == 0 ? Double.NaN : (double) clientCpu / keepalives;
    }

    double etcdPerKeepalive() {
        return keepalives == 0 ? Double.NaN : (double) etcdCpu / keepalives;
    }
}
