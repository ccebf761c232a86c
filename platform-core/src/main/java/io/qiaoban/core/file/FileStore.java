package io.qiaoban.core.file;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Files in PostgreSQL, written and read one 1 MiB chunk at a time: a 100 MB upload never sits in
 * memory, and a job on any node can read what a request on another node stored. Writes join the
 * caller's transaction, so an upload whose request fails leaves nothing behind. Every call is scoped
 * to a workspace.
 */
@ApplicationScoped
public class FileStore {
    static final int CHUNK_BYTES = 1 << 20;

    private final AgroalDataSource db;
    private final JobQueue jobs;
    private final Clock clock;

    FileStore(AgroalDataSource db, JobQueue jobs, Clock clock) {
        this.db = db;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What to store: where it belongs, what it is called, and for how long it is kept (null: for good). */
    public record NewFile(UUID workspaceId, String purpose, String name, String contentType, UUID createdBy,
            Instant expiresAt) {
    }

    /**
     * Stores everything {@code content} holds, refusing it with {@link FileTooLarge} once it passes
     * {@code maxBytes}.
     */
    public StoredFile save(NewFile file, InputStream content, long maxBytes) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        MessageDigest sha256 = sha256();
        long size = 0;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into stored_file (id, workspace_id, purpose, name, content_type, size_bytes, sha256, created_by,
                                             created_at, expires_at)
                    values (?, ?, ?, ?, ?, 0, '', ?, ?, ?)""")) {
                ps.setObject(1, id);
                ps.setObject(2, file.workspaceId());
                ps.setString(3, file.purpose());
                ps.setString(4, clip(file.name(), 255));
                ps.setString(5, clip(file.contentType() == null ? "application/octet-stream" : file.contentType(), 120));
                ps.setObject(6, file.createdBy());
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setTimestamp(8, file.expiresAt() == null ? null : Timestamp.from(file.expiresAt()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into stored_file_chunk (file_id, seq, data) values (?, ?, ?)")) {
                byte[] buffer = new byte[CHUNK_BYTES];
                for (int seq = 0; ; seq++) {
                    int n = content.readNBytes(buffer, 0, buffer.length);
                    if (n <= 0) {
                        break;
                    }
                    size += n;
                    if (size > maxBytes) {
                        throw new FileTooLarge(maxBytes);
                    }
                    sha256.update(buffer, 0, n);
                    ps.setObject(1, id);
                    ps.setInt(2, seq);
                    ps.setBytes(3, n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n));
                    ps.executeUpdate();
                }
            }
            if (file.expiresAt() != null) {
                // one purge per hour in which files expire, however many are saved
                Instant due = file.expiresAt().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
                jobs.enqueue(NewJob.of(FilePurgeJobHandler.TYPE).at(due).dedupe(FilePurgeJobHandler.TYPE + ":" + due));
            }
            String digest = HexFormat.of().formatHex(sha256.digest());
            try (PreparedStatement ps = c.prepareStatement("update stored_file set size_bytes = ?, sha256 = ? where id = ?")) {
                ps.setLong(1, size);
                ps.setString(2, digest);
                ps.setObject(3, id);
                ps.executeUpdate();
            }
            return new StoredFile(id, file.workspaceId(), file.purpose(), clip(file.name(), 255), file.contentType(), size,
                    digest, file.createdBy(), now, file.expiresAt(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<StoredFile> find(UUID workspaceId, UUID id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, workspace_id, purpose, name, content_type, size_bytes, sha256, created_by, created_at, expires_at,
                       held_by
                  from stored_file where workspace_id = ? and id = ?""")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp expires = rs.getTimestamp(10);
                return Optional.of(new StoredFile(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getObject(8, UUID.class),
                        rs.getTimestamp(9).toInstant(), expires == null ? null : expires.toInstant(), rs.getString(11)));
            }
        }
    }

    /** The file's bytes, fetched a chunk at a time as they are read. */
    public InputStream open(StoredFile file) {
        return new ChunkStream(file.id());
    }

    /** Keeps a temporary file for good (until deleted). */
    public void keep(UUID workspaceId, UUID id) throws SQLException {
        hold(workspaceId, id, null);
    }

    /** Keeps a file for good as held by {@code holder} (e.g. "record:<id>"). */
    public void hold(UUID workspaceId, UUID id, String holder) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update stored_file set expires_at = null, held_by = coalesce(?, held_by) where workspace_id = ? and id = ?")) {
            ps.setString(1, holder);
            ps.setObject(2, workspaceId);
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    public void delete(UUID workspaceId, UUID id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from stored_file where workspace_id = ? and id = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /** Removes temporary files past their time ({@link FilePurgeJobHandler} calls it); returns how many. */
    public int purgeExpired() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from stored_file where expires_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            return ps.executeUpdate();
        }
    }

    private byte[] chunk(UUID fileId, int seq) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select data from stored_file_chunk where file_id = ? and seq = ?")) {
            ps.setObject(1, fileId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class ChunkStream extends InputStream {
        private final UUID fileId;
        private int next;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        ChunkStream(UUID fileId) {
            this.fileId = fileId;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return current[position++] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, into, offset, n);
            position += n;
            return n;
        }

        private boolean fill() throws IOException {
            while (position >= current.length) {
                if (ended) {
                    return false;
                }
                try {
                    byte[] data = chunk(fileId, next++);
                    if (data == null) {
                        ended = true;
                        return false;
                    }
                    current = data;
                    position = 0;
                } catch (SQLException e) {
                    throw new IOException("Could not read stored file " + fileId, e);
                }
            }
            return true;
        }
    }
}
