package dev.heart.transport.etcd.internal;

import dev.heart.api.RegistryInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of each answer, built once and reused while target, service type, answering
 * member and member list stay the same (a keepalive answer costs a map lookup, not a new
 * {@link RegistryInfo}). Thread-safe.
 */
final class RegistryInfos {
    private static final int MAX = 4096;

    /** Which answer's registry: target, service type, answering member. */
    private record Key(URI target, String serviceType, long member) {}

    /** A built registry and the member list it was built from. */
    private record Built(Members members, RegistryInfo info) {}

    private final ConcurrentHashMap<Key, Built> built = new ConcurrentHashMap<>();

    /**
     * The registry of an answer from {@code member} (0: unknown, the member list's answerer) to a
     * beat of {@code serviceType} at {@code target}; no candidates (the cluster is one registry).
     */
    RegistryInfo of(Target target, String serviceType, long member, Members members) {
        long answered = member != 0 ? member : members.answeredBy();
        Key key = new Key(target.uri(), serviceType, answered);
        Built cached = built.get(key);
        if (cached != null && cached.members == members) {
            return cached.info;
        }
        if (cached != null && cached.members.equals(members)) { // a refreshed, equal list: same info
            built.put(key, new Built(members, cached.info));
            return cached.info;
        }
        RegistryInfo info = build(target, serviceType, answered, members);
        if (built.size() >= MAX) {
            built.clear(); // so many targets and service types: start over
        }
        built.put(key, new Built(members, info));
        return info;
    }

    private static RegistryInfo build(Target target, String serviceType, long answered, Members members) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (members.clusterId() != 0) {
            attributes.put("etcd.cluster", Long.toHexString(members.clusterId()));
        }
        attributes.put("etcd.member", Long.toHexString(answered));
        String name = members.name(answered);
        if (!name.isEmpty()) {
            attributes.put("etcd.member.name", name);
        }
        // no candidates: the other members are this registry's own doors, which the transport
        // moves between itself (a candidate is another registry)
        // the registry's identity is its cluster (the member that answered is an attribute), so it
        // stays the same when the transport moves between members
        String id = Long.toHexString(members.clusterId() != 0 ? members.clusterId() : answered);
        return new RegistryInfo(id, serviceType, target.uri(), List.of(), attributes);
    }
}
