package io.qiaoban.core.file;

import static io.qiaoban.core.testing.Delivery.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.TestUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Files in PostgreSQL chunks: what goes in comes out, oversized files leave nothing, workspaces stay apart. */
@QuarkusTest
class FileStoreTest {
    @Inject
    FileStore files;

    @Test
    void aFileOfSeveralChunksReadsBackByteForByte() throws Exception {
        UUID workspace = TestUsers.platformAdmin().createWorkspace("文件 " + UUID.randomUUID().toString().substring(0, 6));
        byte[] content = new byte[3 * FileStore.CHUNK_BYTES + 12_345];
        new Random(7).nextBytes(content);
        StoredFile stored = QuarkusTransaction.requiringNew().call(() -> files.save(new FileStore.NewFile(workspace, "test",
                "数据.bin", "application/octet-stream", null, null), new ByteArrayInputStream(content), content.length));
        assertEquals(content.length, stored.sizeBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), stored.sha256());
        assertEquals(4, count("select count(*) from stored_file_chunk where file_id = ?", stored.id()));
        StoredFile found = QuarkusTransaction.requiringNew().call(() -> files.find(workspace, stored.id()).orElseThrow());
        try (InputStream in = files.open(found)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        // another workspace does not find it
        UUID other = TestUsers.platformAdmin().createWorkspace("别的 " + UUID.randomUUID().toString().substring(0, 6));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> files.find(other, stored.id())).isEmpty());
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                files.delete(other, stored.id());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(1, count("select count(*) from stored_file where id = ?", stored.id()));
    }

    @Test
    void anOversizedFileIsRefusedAndLeavesNothing() {
        UUID workspace = TestUsers.platformAdmin().createWorkspace("大文件 " + UUID.randomUUID().toString().substring(0, 6));
        byte[] content = new byte[FileStore.CHUNK_BYTES + 1];
        long before = count("select count(*) from stored_file where workspace_id = ?", workspace);
        assertThrows(FileTooLarge.class, () -> QuarkusTransaction.requiringNew().call(() -> files.save(new FileStore.NewFile(
                workspace, "test", "big.bin", null, null, null), new ByteArrayInputStream(content), FileStore.CHUNK_BYTES)));
        assertEquals(before, count("select count(*) from stored_file where workspace_id = ?", workspace));
    }

    @Test
    void expiredFilesArePurgedAndKeptOnesStay() throws Exception {
        UUID workspace = TestUsers.platformAdmin().createWorkspace("过期 " + UUID.randomUUID().toString().substring(0, 6));
        StoredFile old = QuarkusTransaction.requiringNew().call(() -> files.save(new FileStore.NewFile(workspace, "test", "a.txt",
                "text/plain", null, Instant.now().minusSeconds(60)), new ByteArrayInputStream(new byte[] {1}), 10));
        StoredFile held = QuarkusTransaction.requiringNew().call(() -> files.save(new FileStore.NewFile(workspace, "test", "b.txt",
                "text/plain", null, Instant.now().minusSeconds(60)), new ByteArrayInputStream(new byte[] {2}), 10));
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                files.hold(workspace, held.id(), "record:x");
                files.purgeExpired();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // saving a temporary file queued its purge, once for the hour in which it expires
        assertEquals(1, count("select count(*) from job where type = 'file.purge' and dedupe_key = ?",
                "file.purge:" + old.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600)));
        assertEquals(0, count("select count(*) from stored_file where id = ?", old.id()));
        assertEquals(1, count("select count(*) from stored_file where id = ? and held_by = 'record:x' and expires_at is null",
                held.id()));
    }
}
