package io.qiaoban.rule.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.expression.ExpressionService.Evaluation;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.validation.Check;
import io.qiaoban.rule.expression.ExpressionFunction;
import io.qiaoban.rule.expression.ExpressionProblems;
import io.qiaoban.rule.expression.ExpressionSandbox;
import io.qiaoban.rule.expression.MvelExpressionService;
import io.qiaoban.rule.expression.Values;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The formula editor's back end: checks and evaluates an expression against sample values in the
 * same sandbox as everything else, and lists the function library. Any signed-in user may call it:
 * it reads no stored data.
 */
@Path("/v1/expressions")
public class ExpressionResource {
    public record EvaluateRequest(String expression, Map<String, Object> context, List<String> outputs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvaluateResponse(Object value, String type, Map<String, Object> outputs) {
    }

    public record FunctionView(String name, String alias, String category, String signature, String descriptionZh,
            String descriptionEn, String example) {
        static FunctionView of(ExpressionFunction f) {
            return new FunctionView(f.name(), f.alias(), f.category(), f.signature(), f.descriptionZh(), f.descriptionEn(),
                    f.example());
        }
    }

    private final MvelExpressionService expressions;
    private final CurrentCaller caller;
    private final Clock clock;

    ExpressionResource(MvelExpressionService expressions, CurrentCaller caller, Clock clock) {
        this.expressions = expressions;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("/evaluate")
    public EvaluateResponse evaluate(EvaluateRequest request) {
        Check.required("expression", request);
        Map<String, Object> sample = request.context() == null ? Map.of() : request.context();
        Set<String> outputs = request.outputs() == null ? Set.of() : Set.copyOf(request.outputs());
        if (outputs.size() > 20 || !outputs.stream().allMatch(ExpressionSandbox::isOutputName)) {
            throw ProblemException.invalid("outputs", "expression.outputs");
        }
        try {
            CompiledExpression compiled = expressions.compile(request.expression(), ExpressionSandbox.sampleType(sample, outputs));
            Evaluation result = expressions.run(compiled,
                    new ExpressionContext(sample, clock.instant(), ExpressionContext.DEFAULT_ZONE, caller.get().id()));
            Map<String, Object> shownOutputs = outputs.isEmpty() ? null : new LinkedHashMap<>(result.outputs());
            return new EvaluateResponse(result.value(), Values.typeName(result.value()), shownOutputs);
        } catch (ExpressionException e) {
            throw ExpressionProblems.of("expression", e);
        }
    }

    @GET
    @Path("/functions")
    public List<FunctionView> functions() {
        return expressions.sandbox().functions().stream().map(FunctionView::of).toList();
    }
}
