package io.qiaoban.flow.api;

import io.qiaoban.flow.runtime.FlowSimulator;
import io.qiaoban.flow.simulation.SimulationService;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;

/** Test mode: the path a flow's draft would take for sample records, on a simulated clock, without side effects. */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/flows/{flowId}/simulations")
public class SimulationResource {
    private final SimulationService simulations;

    SimulationResource(SimulationService simulations) {
        this.simulations = simulations;
    }

    @POST
    public List<FlowSimulator.Path> simulate(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId, SimulationService.Request request) throws Exception {
        return simulations.simulate(workspaceId, appId, flowId, request);
    }
}
