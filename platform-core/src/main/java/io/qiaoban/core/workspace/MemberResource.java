package io.qiaoban.core.workspace;

import io.qiaoban.core.department.DepartmentMember;
import io.qiaoban.core.department.DepartmentService;
import io.qiaoban.core.validation.Check;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/v1/workspaces/{workspaceId}/members")
public class MemberResource {
    public record NewMember(String username, String displayName, String initialPassword, UUID roleId) {
    }

    public record RoleAssignment(UUID roleId) {
    }

    public record MemberView(UUID userId, String username, String displayName, UUID roleId, String roleName,
            boolean mustChangePassword, Instant joinedAt, List<UUID> departmentIds) {
        static MemberView of(Membership m, List<UUID> departmentIds) {
            return new MemberView(m.user.id, m.user.username, m.user.displayName, m.role.id, m.role.name,
                    m.user.mustChangePassword, m.createdAt, departmentIds);
        }

        static MemberView of(Membership m) {
            return of(m, DepartmentMember.<DepartmentMember>list("workspaceId = ?1 and userId = ?2", m.workspaceId, m.user.id)
                    .stream().map(dm -> dm.departmentId).toList());
        }
    }

    private final MemberService members;
    private final DepartmentService departments;

    MemberResource(MemberService members, DepartmentService departments) {
        this.members = members;
        this.departments = departments;
    }

    @GET
    @Transactional
    public List<MemberView> list(@PathParam("workspaceId") UUID workspaceId) {
        List<Membership> all = members.list(workspaceId);
        Map<UUID, List<UUID>> seats = departments.seats(workspaceId);
        return all.stream().map(m -> MemberView.of(m, seats.getOrDefault(m.user.id, List.of()))).toList();
    }

    @POST
    @Transactional
    public Response add(@PathParam("workspaceId") UUID workspaceId, NewMember request) {
        Check.required("username", request);
        Membership m = members.add(workspaceId, request.username(), request.displayName(), request.initialPassword(),
                request.roleId());
        return Response.status(201).entity(MemberView.of(m)).build();
    }

    @PATCH
    @Path("/{userId}")
    @Transactional
    public MemberView changeRole(@PathParam("workspaceId") UUID workspaceId, @PathParam("userId") UUID userId,
            RoleAssignment request) {
        Check.required("roleId", request);
        return MemberView.of(members.changeRole(workspaceId, userId, request.roleId()));
    }

    @DELETE
    @Path("/{userId}")
    public Response remove(@PathParam("workspaceId") UUID workspaceId, @PathParam("userId") UUID userId) {
        members.remove(workspaceId, userId);
        return Response.noContent().build();
    }
}
