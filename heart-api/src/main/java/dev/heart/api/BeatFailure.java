package dev.heart.api;

/**
 * The parameter object of {@link HeartBeater#beatFailed}: a beat whose every attempt failed, and
 * what the beater may do about it.
 */
public interface BeatFailure extends NextBeat {

    /**
     * The failed beat, with the cause of every attempt.
     *
     * @return the failure
     */
    BeatFailedException failure();
}
