package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.util.List;

/**
 * Every attempt of a beat failed. Carries the cause of each attempt, in order: the first is also
 * {@link #getCause()}, the others are {@linkplain #getSuppressed() suppressed}.
 */
public final class BeatFailedException extends HeartException {
    private static final long serialVersionUID = 1L;

    private final transient OutgoingRequest request;
    private final transient List<Throwable> causes;

    /**
     * Every attempt of a beat failed.
     *
     * @param request what was sent
     * @param causes  one cause per attempt, in order; not empty
     */
    public BeatFailedException(OutgoingRequest request, List<Throwable> causes) {
        super(message(request, causes), causes.get(0)); // message(...) refuses an empty list first
        this.request = request;
        this.causes = List.copyOf(causes);
        for (int i = 1; i < this.causes.size(); i++) {
            addSuppressed(this.causes.get(i));
        }
    }

    private static String message(OutgoingRequest request, List<Throwable> causes) {
        Checks.notNull(request, "request");
        Checks.notNull(causes, "causes");
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("causes must not be empty");
        }
        return "beat to " + request.target() + " failed after " + causes.size()
                + (causes.size() == 1 ? " attempt" : " attempts") + "; last: " + causes.get(causes.size() - 1);
    }

    /**
     * The request whose attempts all failed.
     *
     * @return the request
     */
    public OutgoingRequest request() {
        return request;
    }

    /**
     * The cause of every attempt, in order.
     *
     * @return the causes, one per attempt; unmodifiable
     */
    public List<Throwable> causes() {
        return causes;
    }
}
