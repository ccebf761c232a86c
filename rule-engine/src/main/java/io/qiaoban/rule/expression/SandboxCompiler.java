package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.core.expression.ExpressionException;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mvel2.CompileException;
import org.mvel2.Operator;
import org.mvel2.ParserConfiguration;
import org.mvel2.ParserContext;
import org.mvel2.ast.And;
import org.mvel2.ast.ASTNode;
import org.mvel2.ast.AssignmentNode;
import org.mvel2.ast.BinaryOperation;
import org.mvel2.ast.BooleanNode;
import org.mvel2.ast.EndOfStatement;
import org.mvel2.ast.LiteralNode;
import org.mvel2.ast.Negation;
import org.mvel2.ast.OperatorNode;
import org.mvel2.ast.Or;
import org.mvel2.ast.Sign;
import org.mvel2.ast.Substatement;
import org.mvel2.compiler.CompiledExpression;
import org.mvel2.compiler.ExecutableAccessor;
import org.mvel2.compiler.ExecutableLiteral;
import org.mvel2.compiler.ExecutableStatement;
import org.mvel2.compiler.ExpressionCompiler;

/**
 * Compiles an expression with MVEL's parser and then checks the compiled tree against an allowlist:
 * literals (text, decimal, boolean, null), arithmetic and comparison operators, {@code && || !},
 * the ternary {@code ? :}, parentheses, variables of the context with record fields and list
 * elements, calls of the function library, and (when outputs are declared) assignments to them.
 * Every other node kind, operator or call is refused with its position. Names and calls are then
 * evaluated by the sandbox's own accessors (see {@link SandboxAccessors}), never by MVEL's reflective
 * optimizer, and MVEL gets a class loader that finds no class at all: no spelling of a class name
 * resolves, whatever the parser makes of it.
 */
final class SandboxCompiler {
    private static final Set<Integer> OPERATORS = Set.of(Operator.ADD, Operator.SUB, Operator.MULT, Operator.DIV,
            Operator.MOD, Operator.LTHAN, Operator.GTHAN, Operator.LETHAN, Operator.GETHAN, Operator.EQUAL,
            Operator.NEQUAL);
    private static final Set<Integer> COMPARISONS = Set.of(Operator.LTHAN, Operator.GTHAN, Operator.LETHAN,
            Operator.GETHAN, Operator.EQUAL, Operator.NEQUAL);
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("NewObjectNode", "new"), Map.entry("NewPrototypeNode", "new"), Map.entry("NewObjectPrototype", "new"),
            Map.entry("Function", "def"), Map.entry("ImportNode", "import"), Map.entry("StaticImportNode", "import"),
            Map.entry("ForEachNode", "loop"), Map.entry("ForNode", "loop"), Map.entry("WhileNode", "loop"),
            Map.entry("DoNode", "loop"), Map.entry("DoUntilNode", "loop"), Map.entry("UntilNode", "loop"),
            Map.entry("TypeCast", "typeReference"), Map.entry("TypeDescriptor", "typeReference"),
            Map.entry("Instance", "typeReference"), Map.entry("Convertable", "typeReference"),
            Map.entry("WithNode", "with"), Map.entry("ThisWithNode", "with"),
            Map.entry("InlineCollectionNode", "collectionLiteral"), Map.entry("IfNode", "if"),
            Map.entry("InterceptorWrapper", "template"), Map.entry("Fold", "projection"),
            Map.entry("RegExMatch", "regex"), Map.entry("Contains", "operator"), Map.entry("Soundslike", "operator"),
            Map.entry("Strsim", "operator"), Map.entry("Union", "methodCall"),
            Map.entry("TypedVarNode", "assignment"), Map.entry("DeclTypedVarNode", "assignment"),
            Map.entry("IndexedDeclTypedVarNode", "assignment"), Map.entry("DeepAssignmentNode", "assignment"),
            Map.entry("IndexedAssignmentNode", "assignment"), Map.entry("OperativeAssign", "assignment"),
            Map.entry("DeepOperativeAssignmentNode", "assignment"), Map.entry("IndexedOperativeAssign", "assignment"),
            Map.entry("PreFixIncNode", "assignment"), Map.entry("PreFixDecNode", "assignment"),
            Map.entry("PostFixIncNode", "assignment"), Map.entry("PostFixDecNode", "assignment"),
            Map.entry("IndexedPreFixIncNode", "assignment"), Map.entry("IndexedPreFixDecNode", "assignment"),
            Map.entry("IndexedPostFixIncNode", "assignment"), Map.entry("IndexedPostFixDecNode", "assignment"),
            Map.entry("ProtoVarNode", "def"), Map.entry("DeclProtoVarNode", "def"), Map.entry("Proto", "def"),
            Map.entry("ReturnNode", "statement"), Map.entry("AssertNode", "statement"), Map.entry("IsDef", "statement"),
            Map.entry("Stacklang", "statement"), Map.entry("LineLabel", "statement"));

    private final FunctionLibrary functions;
    private final SandboxLimits limits;

    SandboxCompiler(FunctionLibrary functions, SandboxLimits limits) {
        this.functions = functions;
        this.limits = limits;
    }

    SandboxedExpression compile(String source, ExpressionContextType type) {
        if (source == null || source.isBlank()) {
            throw new ExpressionException("expression.empty", 0);
        }
        if (source.length() > limits.maxSourceLength()) {
            throw new ExpressionException("expression.tooLong", limits.maxSourceLength(), limits.maxSourceLength());
        }
        for (String output : type.outputs()) {
            if (!isPlainName(output)) {
                throw new IllegalArgumentException("An output is a plain name: " + output);
            }
        }
        // the lexical pass reports positions in the user's source already
        MarkedSource marked = MarkedSource.mark(source, limits.maxNesting());
        Check check = new Check(type);
        try {
            ExecutableStatement statement = check.statement(marked.text(), 0, 0, true);
            return new SandboxedExpression(source, type, statement, check.resultType);
        } catch (ExpressionException e) {
            throw new ExpressionException(e.code(), Math.min(source.length(), marked.original(e.position())), e.args());
        } catch (StackOverflowError e) {
            throw new ExpressionException("expression.tooDeep", 0, limits.maxNesting());
        }
    }

    /** One compilation: the walk over the tree with the context it is checked against. */
    private final class Check {
        private final ExpressionContextType type;
        private Class<?> resultType = Object.class;

        Check(ExpressionContextType type) {
            this.type = type;
        }

        ExecutableStatement statement(String text, int offset, int depth, boolean topLevel) {
            if (depth > limits.maxNesting()) {
                throw new ExpressionException("expression.tooDeep", offset, limits.maxNesting());
            }
            CompiledExpression compiled;
            try {
                compiled = new ExpressionCompiler(text, parserContext()).compile();
            } catch (CompileException e) {
                throw new ExpressionException("expression.syntax", offset + Math.max(0, Math.min(e.getCursor(), text.length())),
                        reason(e));
            } catch (RuntimeException e) {
                // the parser fails on some malformed input with its own bugs (index out of bounds...)
                throw new ExpressionException("expression.syntax", offset, e.getClass().getSimpleName());
            }
            ASTNode last = null;
            for (ASTNode n = compiled.getFirstNode(); n != null; n = n.nextASTNode) {
                node(n, offset, offset, depth);
                last = n;
            }
            if (last == null) {
                throw new ExpressionException("expression.empty", offset);
            }
            if (topLevel) {
                resultType = yieldsBoolean(compiled.getFirstNode()) ? Boolean.class : Object.class;
            }
            return compiled;
        }

        private void node(ASTNode n, int offset, int fallback, int depth) {
            if (depth > limits.maxNesting()) {
                throw new ExpressionException("expression.tooDeep", fallback, limits.maxNesting());
            }
            int pos = n.getStart() > 0 ? offset + n.getStart() : fallback;
            Class<?> kind = n.getClass();
            if (kind == LiteralNode.class || kind == ASTNode.class && n.isLiteral()) {
                literal(n.getLiteralValue(), pos);
            } else if (kind == ASTNode.class) {
                property(n, pos, depth);
            } else if (kind == BinaryOperation.class) {
                int op = ((BinaryOperation) n).getOperation();
                if (!OPERATORS.contains(op)) {
                    throw new ExpressionException("expression.refused.operator", pos, operatorName(op));
                }
                children((BooleanNode) n, offset, pos, depth);
                if (CheckedOperand.checks(op)) {
                    // a literal operand was checked above and cannot change: only computed operands are wrapped
                    BooleanNode b = (BooleanNode) n;
                    if (b.getLeft().isLiteral()) {
                        CheckedOperand.check(b.getLeft().getLiteralValue(), op, pos);
                    } else {
                        b.setLeft(new CheckedOperand(b.getLeft(), op, pos));
                    }
                    if (b.getRight().isLiteral()) {
                        CheckedOperand.check(b.getRight().getLiteralValue(), op, pos);
                    } else {
                        b.setRight(new CheckedOperand(b.getRight(), op, pos));
                    }
                }
            } else if (kind == And.class || kind == Or.class) {
                children((BooleanNode) n, offset, pos, depth);
            } else if (kind == Substatement.class) {
                nested(((Substatement) n).getStatement(), offset, pos, depth);
            } else if (kind == Negation.class) {
                nested(((Negation) n).getStatement(), offset, pos, depth);
            } else if (kind == Sign.class) {
                // MVEL negates a BigDecimal through a double (and caches the operand type): refused
                throw new ExpressionException("expression.refused.negation", pos);
            } else if (kind == OperatorNode.class) {
                Integer op = n.getOperator();
                if (op == null || op != Operator.TERNARY && op != Operator.TERNARY_ELSE) {
                    throw new ExpressionException("expression.refused.operator", pos, operatorName(op == null ? -1 : op));
                }
            } else if (kind == EndOfStatement.class) {
                if (type.outputs().isEmpty()) {
                    throw new ExpressionException("expression.refused.statement", pos);
                }
            } else if (kind == AssignmentNode.class) {
                assignment((AssignmentNode) n, offset, depth);
            } else {
                String what = REFUSED.getOrDefault(kind.getSimpleName(), "construct");
                throw new ExpressionException("expression.refused." + what, pos, kind.getSimpleName());
            }
        }

        private void children(BooleanNode n, int offset, int pos, int depth) {
            // children keep the links of the flat list they came from: never follow nextASTNode here
            node(n.getLeft(), offset, pos, depth + 1);
            node(n.getRight(), offset, pos, depth + 1);
        }

        /** A statement MVEL compiled inside a node (parentheses, !) from the same text: positions are absolute. */
        private void nested(ExecutableStatement statement, int offset, int pos, int depth) {
            if (statement == null) {
                // MVEL would interpret the text at run time instead: never let it
                throw new ExpressionException("expression.refused.construct", pos, "interpreted");
            }
            if (statement instanceof CompiledExpression compiled) {
                for (ASTNode n = compiled.getFirstNode(); n != null; n = n.nextASTNode) {
                    node(n, offset, pos, depth + 1);
                }
            } else if (statement instanceof ExecutableAccessor accessor) {
                node(accessor.getNode(), offset, pos, depth + 1);
            } else if (statement instanceof ExecutableLiteral literal) {
                literal(literal.getLiteral(), pos);
            } else {
                throw new ExpressionException("expression.refused.construct", pos, statement.getClass().getSimpleName());
            }
        }

        private void literal(Object value, int pos) {
            if (value instanceof BigDecimal number) {
                Values.checkSize(number, pos);
                return;
            }
            if (value == null || value instanceof String || value instanceof Boolean) {
                return;
            }
            if (value instanceof Class<?>) {
                throw new ExpressionException("expression.refused.typeReference", pos, ((Class<?>) value).getSimpleName());
            }
            if (value instanceof Double || value instanceof Float) {
                throw new ExpressionException("expression.refused.double", pos);
            }
            throw new ExpressionException("expression.refused.construct", pos, value.getClass().getSimpleName());
        }

        private void property(ASTNode n, int pos, int depth) {
            String token = new String(n.getNameAsArray());
            PropertyPath path;
            try {
                path = PropertyPath.parse(token);
            } catch (ExpressionException e) {
                throw e.shiftedBy(pos);
            }
            if (path.call()) {
                ExpressionFunction function = functions.find(path.root())
                        .orElseThrow(() -> new ExpressionException("expression.unknownFunction", pos, path.root()));
                String calledAs = MarkedSource.CONTAINS_CALL.equals(path.root()) ? function.name() : path.root();
                int given = path.arguments().size();
                if (given < function.minArgs() || given > function.maxArgs()) {
                    throw new ExpressionException("expression.arity", pos, calledAs, function.minArgs(), function.maxArgs(), given);
                }
                List<ExecutableStatement> arguments = new ArrayList<>();
                for (PropertyPath.Argument argument : path.arguments()) {
                    arguments.add(statement(argument.text(), pos + argument.offset(), depth + 1, false));
                }
                n.setAccessor(new SandboxAccessors.FunctionCall(function, calledAs, arguments, pos));
                return;
            }
            Class<?> declared = declaredType(path.root());
            if (declared == null) {
                throw new ExpressionException(functions.find(path.root()).isPresent() ? "expression.functionWithoutCall"
                        : "expression.unknownName", pos, path.root());
            }
            if (!path.segments().isEmpty() && !(Map.class.isAssignableFrom(declared) || List.class.isAssignableFrom(declared)
                    || declared == Object.class)) {
                throw new ExpressionException("expression.notARecord", pos, path.root(), "@type." + Values.typeName(sample(declared)));
            }
            n.setAccessor(new SandboxAccessors.VariableRead(path.root(), path.segments(), pos, token.strip()));
        }

        private void assignment(AssignmentNode n, int offset, int depth) {
            String target = n.getAssignmentVar();
            int pos = offset + Math.max(0, n.getStart());
            // a plain name only: MVEL sends "o[...] = v" to its own reflective optimizer, index and all
            if (target == null || !isPlainName(target.strip()) || !type.outputs().contains(target.strip())) {
                throw new ExpressionException("expression.refused.assignment", offset + targetStart(n),
                        target == null ? "" : target.strip());
            }
            // the value is compiled again by the sandbox and replaces MVEL's own compilation of it
            n.setValueStatement(statement(new String(n.getExpression()), pos, depth + 1, false));
        }

        /** Where the assigned name starts: the node itself only knows where its value starts. */
        private int targetStart(AssignmentNode n) {
            char[] text = n.getExpr();
            int i = Math.min(n.getStart(), text == null ? 0 : text.length) - 1;
            while (i >= 0 && (Character.isWhitespace(text[i]) || "=+-*/%".indexOf(text[i]) >= 0)) {
                i--;
            }
            while (i >= 0 && !Character.isWhitespace(text[i]) && text[i] != ';' && text[i] != '(') {
                i--;
            }
            return i + 1;
        }

        private Class<?> declaredType(String name) {
            Class<?> declared = type.variables().get(name);
            if (declared != null) {
                return declared;
            }
            if (type.outputs().contains(name)) {
                return Object.class;
            }
            // built in: the evaluation time, and the user it runs for ({id}, empty for system runs)
            return "now".equals(name) ? java.time.Instant.class : "user".equals(name) ? Map.class : null;
        }
    }

    /** A name as the sandbox reads it: a letter, then letters, digits and underscores, nothing else. */
    static boolean isPlainName(String name) {
        if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0)) || name.charAt(0) == '$') {
            return false;
        }
        return name.codePoints().allMatch(cp -> Character.isJavaIdentifierPart(cp) && cp != '$'
                && !Character.isIdentifierIgnorable(cp));
    }

    private static Object sample(Class<?> declared) {
        if (Number.class.isAssignableFrom(declared)) {
            return BigDecimal.ZERO;
        }
        if (CharSequence.class.isAssignableFrom(declared)) {
            return "";
        }
        if (declared == Boolean.class) {
            return Boolean.TRUE;
        }
        if (declared == java.time.LocalDate.class) {
            return java.time.LocalDate.EPOCH;
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(declared)) {
            return java.time.Instant.EPOCH;
        }
        return new Object();
    }

    private static boolean yieldsBoolean(ASTNode first) {
        if (first == null || first.nextASTNode != null) {
            return false;
        }
        if (first instanceof And || first instanceof Or || first instanceof Negation) {
            return true;
        }
        return first.getClass() == BinaryOperation.class && COMPARISONS.contains(((BinaryOperation) first).getOperation())
                || first.isLiteral() && first.getLiteralValue() instanceof Boolean;
    }

    private static String operatorName(int op) {
        return switch (op) {
            case Operator.POWER -> "**";
            case Operator.BW_AND -> "&";
            case Operator.BW_OR -> "|";
            case Operator.BW_XOR -> "^";
            case Operator.BW_SHIFT_LEFT -> "<<";
            case Operator.BW_SHIFT_RIGHT -> ">>";
            case Operator.BW_USHIFT_RIGHT -> ">>>";
            case Operator.STR_APPEND -> "#";
            case Operator.REGEX -> "~=";
            case Operator.INSTANCEOF -> "instanceof";
            case Operator.CONTAINS -> "contains";
            case Operator.SOUNDEX -> "soundslike";
            case Operator.SIMILARITY -> "strsim";
            case Operator.CHOR -> "or";
            default -> "#" + op;
        };
    }

    /** MVEL's own words for a failure, without its banner, and with numbers and texts instead of Java type names. */
    static String reason(CompileException e) {
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("[Error: ");
        int end = start < 0 ? -1 : message.indexOf(']', start);
        String reason = start >= 0 && end > start ? message.substring(start + 8, end) : message.split("\n", 2)[0];
        reason = reason.replace("java.lang.", "").replace("java.math.", "").replace("java.time.", "").replace("java.util.", "");
        return reason.length() > 160 ? reason.substring(0, 160) : reason;
    }

    private static ParserContext parserContext() {
        ParserConfiguration configuration = new ParserConfiguration();
        configuration.setClassLoader(NoClasses.INSTANCE);
        return new ParserContext(configuration);
    }

    /** The class loader MVEL gets: it knows no class, so no class name, however spelled, resolves through it. */
    static final class NoClasses extends ClassLoader {
        static final NoClasses INSTANCE = new NoClasses();

        private NoClasses() {
            super(null);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            throw new ClassNotFoundException(name);
        }

        @Override
        public URL getResource(String name) {
            return null;
        }

        @Override
        public Enumeration<URL> getResources(String name) {
            return Collections.emptyEnumeration();
        }
    }
}
