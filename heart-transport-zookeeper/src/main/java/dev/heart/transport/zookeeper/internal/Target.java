package dev.heart.transport.zookeeper.internal;

import java.net.URI;
import java.util.Locale;

/**
 * A parsed {@code zk[s]://host:port[,host:port...][/chroot]} target.
 *
 * @param uri           the target as given
 * @param secure        true for zks://
 * @param connectString ZooKeeper's connect string, chroot included
 */
record Target(URI uri, boolean secure, String connectString) {

    static Target parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure;
        if (scheme.equals(Layout.SCHEME)) {
            secure = false;
        } else if (scheme.equals(Layout.TLS_SCHEME)) {
            secure = true;
        } else {
            throw bad(uri, "the scheme must be zk or zks");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw bad(uri, "it names no host:port");
        }
        if (authority.indexOf('@') >= 0) {
            throw bad(
                    uri,
                    "credentials do not belong in the target; give them to ZooKeeperTransport.builder().credentials(...)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(uri, "it must have no query or fragment");
        }
        StringBuilder connect = new StringBuilder();
        for (String member : authority.split(",", -1)) {
            checkMember(uri, member);
            if (connect.length() > 0) {
                connect.append(',');
            }
            connect.append(member);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            try {
                Layout.checkRoot(path);
            } catch (IllegalArgumentException e) {
                throw bad(uri, "the chroot must be an absolute znode path like /apps");
            }
            connect.append(path);
        }
        return new Target(uri, secure, connect.toString());
    }

    private static void checkMember(URI uri, String member) {
        String host;
        String port;
        if (member.startsWith("[")) {
            int end = member.indexOf(']');
            if (end < 0 || end + 1 >= member.length() || member.charAt(end + 1) != ':') {
                throw bad(uri, "member '" + member + "' must be host:port");
            }
            host = member.substring(1, end);
            port = member.substring(end + 2);
        } else {
            int colon = member.lastIndexOf(':');
            if (colon < 0 || member.indexOf(':') != colon) {
                throw bad(uri, "member '" + member + "' must be host:port");
            }
            host = member.substring(0, colon);
            port = member.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad(uri, "member '" + member + "' has no host");
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(uri, "member '" + member + "' has no port number");
        }
        if (number < 1 || number > 65535) {
            throw bad(uri, "member '" + member + "' has a port out of 1 to 65535");
        }
    }

    private static IllegalArgumentException bad(URI uri, String why) {
        return new IllegalArgumentException(
                "target must be zk://host:port[,host:port...][/chroot] or zks://..., " + why + ": '" + uri + "'");
    }
}
