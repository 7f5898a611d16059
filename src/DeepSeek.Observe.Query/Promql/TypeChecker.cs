using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// The type rules Prometheus's parser enforces, with its messages, checked in the order Prometheus checks them
/// (so the first error reported is the same): mostly children first, but a call's argument count before its arguments.
/// </summary>
internal static class TypeChecker
{
    public static TypeError? Check(Expr expr) => expr switch
    {
        VectorSelector selector => Selector(selector),
        MatrixSelector matrix => Selector(matrix.Selector),
        SubqueryExpr subquery => Check(subquery.Expr) ?? Subquery(subquery),
        ParenExpr paren => Check(paren.Expr),
        UnaryExpr unary => Check(unary.Expr) ?? Unary(unary.Position, unary.Expr),
        FunctionCall call => Call(call),
        AggregateExpr aggregate => Aggregate(aggregate),
        BinaryExpr binary => Check(binary.Lhs) ?? Check(binary.Rhs) ?? Binary(binary),
        _ => null,
    };

    private static TypeError? Selector(VectorSelector selector)
    {
        if (selector.Name.Length > 0)
        {
            // The name before the braces is the first matcher; another __name__ matcher would contradict or repeat it.
            var second = selector.Matchers.Skip(1).FirstOrDefault(m => m.Name == LabelNames.MetricName);
            return second is null
                ? null
                : new TypeError(selector.Position, $"metric name must not be set twice: \"{selector.Name}\" or \"{second.Value}\"");
        }

        // Without a matcher that rejects the empty value, the selector would select every series (usually a typo).
        return selector.Matchers.Any(m => !m.MatchesEmpty)
            ? null
            : new TypeError(selector.Position, "vector selector must contain at least one non-empty matcher");
    }

    private static TypeError? Unary(int position, Expr operand) =>
        operand.Type is PromqlValueType.Scalar or PromqlValueType.Vector
            ? null
            : new TypeError(position, $"unary expression only allowed on expressions of type scalar or instant vector, got \"{operand.Type.DocumentedName()}\"");

    private static TypeError? Subquery(SubqueryExpr subquery) =>
        subquery.Expr.Type == PromqlValueType.Vector
            ? null
            : new TypeError(subquery.Position, $"subquery is only allowed on instant vector, got {subquery.Expr.Type.ShortName()} instead");

    private static TypeError? Call(FunctionCall call)
    {
        var function = call.Function;
        var count = call.Args.Count;
        if (function.Variadic == 0 && count != function.ArgTypes.Count)
        {
            return new TypeError(call.Position, $"expected {function.ArgTypes.Count} argument(s) in call to \"{function.Name}\", got {count}");
        }

        if (count < function.MinArgs)
        {
            return new TypeError(call.Position, $"expected at least {function.MinArgs} argument(s) in call to \"{function.Name}\", got {count}");
        }

        if (function.MaxArgs is { } max && count > max)
        {
            return new TypeError(call.Position, $"expected at most {max} argument(s) in call to \"{function.Name}\", got {count}");
        }

        for (var i = 0; i < count; i++)
        {
            if ((Check(call.Args[i]) ?? Expect(call.Args[i], function.ArgType(i), $"call to function \"{function.Name}\"")) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static TypeError? Aggregate(AggregateExpr aggregate) =>
        Check(aggregate.Expr)
        ?? Expect(aggregate.Expr, PromqlValueType.Vector, "aggregation expression")
        ?? (aggregate.Param is null ? null : Check(aggregate.Param))
        ?? aggregate.Op switch
        {
            AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile =>
                Expect(aggregate.Param!, PromqlValueType.Scalar, "aggregation parameter"),
            AggregationOp.CountValues => Expect(aggregate.Param!, PromqlValueType.String, "aggregation parameter"),
            _ => null,
        };

    private static TypeError? Binary(BinaryExpr binary)
    {
        var (op, opPosition, lhs, rhs, returnBool) = (binary.Op, binary.OperatorPosition, binary.Lhs, binary.Rhs, binary.ReturnBool);
        var matching = binary.WrittenMatching ?? binary.Matching ?? new VectorMatching(VectorMatchCardinality.OneToOne, [], false, []);
        var lt = lhs.Type;
        var rt = rhs.Type;
        var anyScalar = lt == PromqlValueType.Scalar || rt == PromqlValueType.Scalar;
        if (returnBool && !op.IsComparison())
        {
            return new TypeError(opPosition, "bool modifier can only be used on comparison operators");
        }

        if (op.IsComparison() && !returnBool && lt == PromqlValueType.Scalar && rt == PromqlValueType.Scalar)
        {
            return new TypeError(opPosition, "comparisons between scalars must use BOOL modifier");
        }

        if (matching.On && matching.MatchingLabels.FirstOrDefault(matching.Include.Contains) is { } both)
        {
            return new TypeError(opPosition, $"label \"{both}\" must not occur in ON and GROUP clause at once");
        }

        if (lt is not (PromqlValueType.Scalar or PromqlValueType.Vector))
        {
            return new TypeError(lhs.Position, "binary expression must contain only scalar and instant vector types");
        }

        if (rt is not (PromqlValueType.Scalar or PromqlValueType.Vector))
        {
            return new TypeError(rhs.Position, "binary expression must contain only scalar and instant vector types");
        }

        if (anyScalar && matching.MatchingLabels.Count > 0)
        {
            return new TypeError(lhs.Position, "vector matching only allowed between instant vectors");
        }

        if (!anyScalar && op.IsSetOperator() && matching.Card is VectorMatchCardinality.ManyToOne or VectorMatchCardinality.OneToMany)
        {
            return new TypeError(lhs.Position, $"no grouping allowed for \"{op.Text()}\" operation");
        }

        return anyScalar && op.IsSetOperator()
            ? new TypeError(lhs.Position, $"set operator \"{op.Text()}\" not allowed in binary scalar expression")
            : null;
    }

    private static TypeError? Expect(Expr expr, PromqlValueType wanted, string context) =>
        expr.Type == wanted
            ? null
            : new TypeError(expr.Position, $"expected type {wanted.DocumentedName()} in {context}, got {expr.Type.DocumentedName()}");
}
