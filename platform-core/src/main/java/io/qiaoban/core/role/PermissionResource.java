package io.qiaoban.core.role;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Arrays;
import java.util.List;

/** The catalogue of permissions a role can hold, for the role editor. */
@Path("/v1/permissions")
public class PermissionResource {
    public record PermissionView(String key, String group) {
    }

    @GET
    public List<PermissionView> list() {
        return Arrays.stream(Permission.values()).map(p -> new PermissionView(p.key(), p.group())).toList();
    }
}
