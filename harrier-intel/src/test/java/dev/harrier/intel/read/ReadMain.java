package dev.harrier.intel.read;

import dev.harrier.core.Limits;
import dev.harrier.store.IncomingObject;
import java.nio.file.Path;

/** Reads one file and prints its summary; run in a separate JVM to check the heap a read needs. */
final class ReadMain {
    private ReadMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long[] originals = {0};
        long start = System.nanoTime();
        ReadSummary s = IntelReaders.read(file, IntelReaders.detect(file), Limits.defaults(), new IntelSink() {
            @Override
            public void accept(IncomingObject o) {
                if (o.original() != null) {
                    originals[0]++;
                }
            }

            @Override
            public void reject(IntelError e) {
                System.out.println("rejected: " + e);
            }
        });
        System.out.printf(
                "%d %d %s %d %d%n",
                s.objectsRead(), s.rejected(), s.specVersion(), originals[0], (System.nanoTime() - start) / 1_000_000);
    }
}
