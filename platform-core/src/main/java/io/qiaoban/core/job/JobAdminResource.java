package io.qiaoban.core.job;

import io.qiaoban.core.web.Page;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/v1/admin/jobs")
public class JobAdminResource {
    private final JobAdminService jobs;

    JobAdminResource(JobAdminService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("/stats")
    public JobAdminService.Stats stats() {
        return jobs.stats();
    }

    @GET
    public Page<JobAdminService.JobView> list(@QueryParam("state") @DefaultValue("DEAD") String state,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        JobState jobState = Page.enumParam("state", state, JobState.class);
        Page.check(page, size);
        return new Page<>(jobs.list(jobState, page, size), jobs.count(jobState), page, size);
    }

    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") long id) {
        jobs.retry(id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}")
    public Response discard(@PathParam("id") long id) {
        jobs.discard(id);
        return Response.noContent().build();
    }
}
