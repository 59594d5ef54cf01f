package dev.heart.transport.etcd.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster's member list, as {@code /v3/cluster/member/list} reports it.
 *
 * @param clusterId the cluster's id
 * @param answeredBy the member that answered the list
 * @param members   every member, in etcd's order
 */
record Members(long clusterId, long answeredBy, List<Member> members) {

    /**
     * One member.
     *
     * @param id      its id
     * @param name    its name; empty for a member not started yet
     * @param targets its plain-HTTP client URLs as {@code etcd://} URIs
     */
    record Member(long id, String name, List<URI> targets) {
    }

    /** Reads a member list answer. */
    static Members from(Map<String, Object> answer) {
        Map<String, Object> header = Json.object(answer, "header");
        List<Member> members = new ArrayList<>();
        for (Object item : Json.list(answer, "members")) {
            if (!(item instanceof Map)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> member = (Map<String, Object>) item;
            List<URI> targets = new ArrayList<>();
            for (Object url : Json.list(member, "clientURLs")) {
                URI target = url == null ? null : Target.fromClientUrl(url.toString());
                if (target != null) {
                    targets.add(target);
                }
            }
            String name = Json.text(member, "name");
            members.add(new Member(Json.int64(member, "ID", 0), name == null ? "" : name, List.copyOf(targets)));
        }
        return new Members(Json.int64(header, "cluster_id", 0), Json.int64(header, "member_id", 0),
                List.copyOf(members));
    }

    /**
     * The targets of every member but {@code answeringMember}, without {@code target} itself, in
     * etcd's order.
     */
    List<URI> candidates(long answeringMember, URI target) {
        Set<URI> candidates = new LinkedHashSet<>();
        for (Member member : members) {
            if (member.id() != answeringMember) {
                candidates.addAll(member.targets());
            }
        }
        candidates.remove(target);
        return List.copyOf(candidates);
    }

    /** The name of member {@code id}, or empty when unknown or unnamed. */
    String name(long id) {
        return members.stream().filter(m -> m.id() == id).map(Member::name).findFirst().orElse("");
    }
}
