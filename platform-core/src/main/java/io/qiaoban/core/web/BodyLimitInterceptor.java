package io.qiaoban.core.web;

import io.qiaoban.core.problem.ProblemException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body limit for requests that announce no length (chunked): counted while the body is read,
 * so such a body gets the same 413 problem as one whose Content-Length {@link BodyLimitFilter} refuses.
 */
@Provider
public class BodyLimitInterceptor implements ReaderInterceptor {
    @ConfigProperty(name = "qiaoban.api.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Limited(context.getInputStream(), maxBodyBytes));
        return context.proceed();
    }

    private static final class Limited extends FilterInputStream {
        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new ProblemException(413, "body-too-large", max / 1024);
            }
        }
    }
}
