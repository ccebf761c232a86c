package io.qiaoban.core.department;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.Membership;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Path("/v1/workspaces/{workspaceId}/departments")
public class DepartmentResource {
    public record NewDepartment(String name, UUID parentId, Integer position) {
    }

    public record NewMembers(List<UUID> userIds) {
    }

    public record DepartmentView(UUID id, UUID parentId, String name, int position, long memberCount) {
        static DepartmentView of(Department d, long memberCount) {
            return new DepartmentView(d.id, d.parentId, d.name, d.position, memberCount);
        }
    }

    public record DepartmentMemberView(UUID userId, String username, String displayName) {
    }

    private static final Set<String> CHANGEABLE = Set.of("name", "parentId", "position");

    private final DepartmentService departments;

    DepartmentResource(DepartmentService departments) {
        this.departments = departments;
    }

    /** The whole tree as a flat list ordered by position; the client nests it by parentId. */
    @GET
    @Transactional
    public List<DepartmentView> list(@PathParam("workspaceId") UUID workspaceId) {
        return departments.list(workspaceId).stream().map(s -> DepartmentView.of(s.department(), s.memberCount())).toList();
    }

    @POST
    @Transactional
    public Response create(@PathParam("workspaceId") UUID workspaceId, NewDepartment request) {
        Check.required("name", request);
        Department d = departments.create(workspaceId, request.name(), request.parentId(), request.position());
        return Response.status(201).entity(DepartmentView.of(d, 0)).build();
    }

    /**
     * Renames, moves or reorders. {@code "parentId": null} moves the department to the top level; a
     * missing parentId leaves it where it is, which is why the body is read as a JSON object.
     */
    @PATCH
    @Path("/{departmentId}")
    @Transactional
    public DepartmentView update(@PathParam("workspaceId") UUID workspaceId, @PathParam("departmentId") UUID departmentId,
            ObjectNode body) {
        Check.required("name", body);
        body.fieldNames().forEachRemaining(f -> {
            if (!CHANGEABLE.contains(f)) {
                throw new ProblemException(400, "validation", List.of(new FieldError(f, "unknown-field", null)), f);
            }
        });
        Optional<String> name = body.has("name") ? Optional.of(text(body.get("name"), "name")) : Optional.empty();
        Optional<Optional<UUID>> parent = body.has("parentId") ? Optional.of(id(body.get("parentId"), "parentId"))
                : Optional.empty();
        Optional<Integer> position = body.has("position") ? Optional.of(integer(body.get("position"), "position"))
                : Optional.empty();
        Department d = departments.update(workspaceId, departmentId, new DepartmentService.Change(name, parent, position));
        long members = DepartmentMember.count("departmentId", d.id);
        return DepartmentView.of(d, members);
    }

    @DELETE
    @Path("/{departmentId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("departmentId") UUID departmentId) {
        departments.delete(workspaceId, departmentId);
        return Response.noContent().build();
    }

    @GET
    @Path("/{departmentId}/members")
    @Transactional
    public List<DepartmentMemberView> members(@PathParam("workspaceId") UUID workspaceId,
            @PathParam("departmentId") UUID departmentId) {
        List<Membership> members = departments.members(workspaceId, departmentId);
        return members.stream().map(m -> new DepartmentMemberView(m.user.id, m.user.username, m.user.displayName)).toList();
    }

    @POST
    @Path("/{departmentId}/members")
    public Response addMembers(@PathParam("workspaceId") UUID workspaceId, @PathParam("departmentId") UUID departmentId,
            NewMembers request) {
        Check.required("userIds", request);
        departments.addMembers(workspaceId, departmentId, request.userIds());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{departmentId}/members/{userId}")
    public Response removeMember(@PathParam("workspaceId") UUID workspaceId, @PathParam("departmentId") UUID departmentId,
            @PathParam("userId") UUID userId) {
        departments.removeMember(workspaceId, departmentId, userId);
        return Response.noContent().build();
    }

    private static String text(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw wrongType(field);
        }
        return value.asText();
    }

    private static Optional<UUID> id(JsonNode value, String field) {
        if (value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text(value, field)));
        } catch (IllegalArgumentException e) {
            throw wrongType(field);
        }
    }

    private static int integer(JsonNode value, String field) {
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw wrongType(field);
        }
        return value.intValue();
    }

    private static ProblemException wrongType(String field) {
        return new ProblemException(400, "validation", List.of(new FieldError(field, "wrong-type", null)), field);
    }
}
