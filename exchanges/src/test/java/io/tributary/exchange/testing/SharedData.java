package io.tributary.exchange.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared recordings ({@code tributary.shared.dir}/data), read in place. */
public final class SharedData {

    private SharedData() {
    }

    public static Path file(String relative) {
        String dir = System.getProperty("tributary.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property tributary.shared.dir is not set");
        }
        Path path = Path.of(dir, "data", relative);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("missing recording " + path);
        }
        return path;
    }
}
