package dev.heart.transport.etcd;

import dev.heart.api.HeartException;
import org.jspecify.annotations.Nullable;

/**
 * A setting of an etcd transport is wrong: an unreadable certificate, a key that does not match its
 * certificate, a missing password. Thrown when the transport is built, never later by a beat; the
 * message names the setting and never contains a secret.
 */
public class EtcdConfigException extends HeartException {
    private static final long serialVersionUID = 1L;

    /**
     * A wrong setting, without an underlying error.
     *
     * @param message what is wrong, naming the setting; not null
     */
    public EtcdConfigException(String message) {
        super(message);
    }

    /**
     * A wrong setting, found through {@code cause} (an unreadable file, for instance).
     *
     * @param message what is wrong, naming the setting; not null
     * @param cause   the underlying error; may be null
     */
    public EtcdConfigException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
