package io.qiaoban.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DigestsTest {

    @Test
    void sha256_of_known_texts() {
        // FIPS 180-2 test vectors
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digests.sha256Hex("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digests.sha256Hex(""));
    }

    @Test
    void threads_hashing_at_once_do_not_share_state() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 2_000)
                    .<Callable<Boolean>>mapToObj(i -> () -> Digests.sha256Hex(i % 2 == 0 ? "abc" : "")
                            .equals(i % 2 == 0 ? "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                                    : "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
                    .toList();
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
