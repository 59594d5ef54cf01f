package dev.heart.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The modification times of a registry's certificate files, to reload them when they change. */
final class CertificateFiles {
    private final List<Path> files = new ArrayList<>();
    private List<FileTime> seen;

    CertificateFiles(TlsOptions tls) {
        for (Path file : new Path[] {tls.certificate, tls.key, tls.pkcs12}) {
            if (file != null) {
                files.add(file);
            }
        }
        seen = times();
    }

    /** True once after any file's modification time changed. */
    boolean changed() {
        List<FileTime> now = times();
        if (Objects.equals(now, seen)) {
            return false;
        }
        seen = now;
        return true;
    }

    private List<FileTime> times() {
        List<FileTime> times = new ArrayList<>();
        for (Path file : files) {
            try {
                times.add(Files.getLastModifiedTime(file));
            } catch (IOException e) {
                times.add(null); // gone for now: a change when it comes back
            }
        }
        return times;
    }
}
