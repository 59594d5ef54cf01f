/** A user's service that keeps itself registered with a beater of its own. */
module dev.heart.example.user {
    requires dev.heart.engine;

    exports dev.heart.example.user;
}
