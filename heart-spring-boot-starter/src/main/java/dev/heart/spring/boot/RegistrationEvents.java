package dev.heart.spring.boot;

/** Hears when the application begins to register and when every registry has accepted it. */
interface RegistrationEvents {
    /** Hears nothing. */
    RegistrationEvents NONE = new RegistrationEvents() {
        @Override
        public void registering() {}

        @Override
        public void registered() {}
    };

    /** The beatings are about to start (at startup, on readiness, on an operator's request). */
    void registering();

    /** Every registry accepted the registrant since the beatings started. */
    void registered();
}
