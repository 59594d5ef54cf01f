package dev.heart.bench;

import java.util.List;

/** A figure whose harness needs a module this build does not have yet. */
final class Unavailable implements Figure {
    /** Exit status of a figure that cannot be measured in this build. */
    static final int EXIT = 3;

    private final String id;
    private final String why;

    Unavailable(String id, String why) {
        this.id = id;
        this.why = why;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int run(boolean quick, List<String> args) {
        System.out.println(id + " unavailable: " + why);
        return EXIT;
    }
}
