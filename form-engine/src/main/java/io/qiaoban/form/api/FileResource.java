package io.qiaoban.form.api;

import io.qiaoban.core.auth.SessionFilter;
import io.qiaoban.core.file.StoredFile;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.files.RecordFiles;
import io.qiaoban.form.schema.types.FileType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Files of attachment and image fields: upload one for a field (multipart with
 * {@link SessionFilter#UPLOAD_HEADER}), then put its id into the record; download through the record.
 * Served with the type detected at upload, never sniffed by the browser, in a sandbox: an uploaded
 * file cannot run script in the application's origin.
 */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/forms/{formId}")
public class FileResource {
    public record FileView(UUID id, String name, long size, String type, Instant uploadedAt) {
    }

    private final FormTargets targets;
    private final RecordFiles files;

    FileResource(FormTargets targets, RecordFiles files) {
        this.targets = targets;
        this.files = files;
    }

    @Transactional(rollbackOn = Exception.class)
    @POST
    @Path("/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @QueryParam("field") String field, @RestForm("file") FileUpload file)
            throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "required");
        }
        StoredFile stored = files.upload(t.form(), t.access(), field, ImportResource.fileName(file.fileName()), file.uploadedFile());
        return Response.status(201).entity(new FileView(stored.id(), stored.name(), stored.sizeBytes(), stored.contentType(),
                stored.createdAt())).build();
    }

    @Transactional(rollbackOn = Exception.class)
    @GET
    @Path("/files/{fileId}")
    public Response pending(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("fileId") UUID fileId) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        return serve(files.pending(t.form(), t.access(), fileId));
    }

    @Transactional(rollbackOn = Exception.class)
    @GET
    @Path("/records/{recordId}/files/{fileId}")
    public Response ofRecord(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("recordId") UUID recordId, @PathParam("fileId") UUID fileId)
            throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        return serve(files.ofRecord(t.form(), t.access(), recordId, fileId));
    }

    private Response serve(StoredFile file) {
        StreamingOutput body = out -> {
            try (InputStream in = files.open(file)) {
                in.transferTo(out);
            }
        };
        boolean inline = FileType.IMAGE_TYPES.contains(file.contentType()) || "application/pdf".equals(file.contentType());
        return Response.ok(body, file.contentType()).header(HttpHeaders.CONTENT_LENGTH, file.sizeBytes())
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                        + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'")
                .header("Cache-Control", "private, max-age=3600")
                .build();
    }
}
