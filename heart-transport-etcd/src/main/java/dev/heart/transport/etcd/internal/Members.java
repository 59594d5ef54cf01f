package dev.heart.transport.etcd.internal;

import dev.heart.transport.etcd.grpc.Member;
import dev.heart.transport.etcd.grpc.MemberListResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster's member list, as {@code Cluster.MemberList} reports it.
 *
 * @param clusterId  the cluster's id
 * @param answeredBy the member that answered the list
 * @param members    every member, in etcd's order
 */
record Members(long clusterId, long answeredBy, List<Entry> members) {

    /** No list yet. */
    static final Members NONE = new Members(0, 0, List.of());

    /**
     * One member.
     *
     * @param id      its id
     * @param name    its name; empty for a member not started yet
     * @param targets its client URLs as {@code etcd://} / {@code etcds://} URIs
     */
    record Entry(long id, String name, List<URI> targets) {}

    /** Reads a member list answer. */
    static Members from(MemberListResponse answer) {
        List<Entry> members = new ArrayList<>();
        for (Member member : answer.getMembersList()) {
            List<URI> targets = new ArrayList<>();
            for (String url : member.getClientURLsList()) {
                URI target = Target.fromClientUrl(url);
                if (target != null) {
                    targets.add(target);
                }
            }
            members.add(new Entry(member.getID(), member.getName(), List.copyOf(targets)));
        }
        return new Members(answer.getHeader().getClusterId(), answer.getHeader().getMemberId(), List.copyOf(members));
    }

    /** The name of member {@code id}, or empty when unknown or unnamed. */
    String name(long id) {
        return members.stream()
                .filter(m -> m.id() == id)
                .map(Entry::name)
                .findFirst()
                .orElse("");
    }
}
