/**
 * A user's service that keeps itself registered with a beater of its own. Null-marked like heart's
 * modules: a type without {@code @Nullable} is never null.
 */
@org.jspecify.annotations.NullMarked
module dev.heart.example.user {
    requires static org.jspecify;
    requires dev.heart.engine;

    exports dev.heart.example.user;
}
