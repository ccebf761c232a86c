package io.qiaoban.flow.api;

import io.qiaoban.flow.schedule.FlowSchedules;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;

/** When a schedule would fire, in the workspace's time zone: what the designer shows under a schedule trigger. */
@Path("/v1/workspaces/{workspaceId}/flow-schedules/preview")
public class ScheduleResource {
    private final FlowSchedules schedules;

    ScheduleResource(FlowSchedules schedules) {
        this.schedules = schedules;
    }

    @GET
    public FlowSchedules.Preview preview(@PathParam("workspaceId") UUID workspaceId, @QueryParam("cron") String cron) {
        return schedules.preview(workspaceId, cron);
    }
}
