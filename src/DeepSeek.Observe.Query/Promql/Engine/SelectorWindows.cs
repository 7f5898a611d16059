using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>
/// The time span each selector of a query reads, found before evaluation so every series is read once for the whole
/// query (then slid over per step) instead of once per step. Accounts for lookback, ranges, offsets, @ and subqueries.
/// </summary>
internal static class SelectorWindows
{
    public static Dictionary<VectorSelector, (long Min, long Max)> Find(Expr expr, long startMs, long endMs, long lookbackMs)
    {
        var windows = new Dictionary<VectorSelector, (long, long)>(ReferenceEqualityComparer.Instance);
        Walk(expr, startMs, endMs, startMs, endMs, lookbackMs, windows);
        return windows;
    }

    public static long Resolve(AtModifier? at, long t, long queryStartMs, long queryEndMs) => at?.Kind switch
    {
        null => t,
        AtKind.Start => queryStartMs,
        AtKind.End => queryEndMs,
        _ => at.TimestampMs,
    };

    private static void Walk(
        Expr expr, long from, long to, long queryStart, long queryEnd, long lookback, Dictionary<VectorSelector, (long, long)> windows)
    {
        switch (expr)
        {
            case VectorSelector vs:
                Add(vs, from, to, lookback, queryStart, queryEnd, windows);
                break;
            case MatrixSelector ms:
                Add(ms.Selector, from, to, ms.RangeMs, queryStart, queryEnd, windows);
                break;
            case SubqueryExpr sq:
                var (f, t) = sq.At is null ? (from, to) : Fixed(sq.At, queryStart, queryEnd);
                Walk(sq.Expr, f - sq.OffsetMs - sq.RangeMs, t - sq.OffsetMs, queryStart, queryEnd, lookback, windows);
                break;
            case ParenExpr p:
                Walk(p.Expr, from, to, queryStart, queryEnd, lookback, windows);
                break;
            case UnaryExpr u:
                Walk(u.Expr, from, to, queryStart, queryEnd, lookback, windows);
                break;
            case BinaryExpr b:
                Walk(b.Lhs, from, to, queryStart, queryEnd, lookback, windows);
                Walk(b.Rhs, from, to, queryStart, queryEnd, lookback, windows);
                break;
            case AggregateExpr a:
                Walk(a.Expr, from, to, queryStart, queryEnd, lookback, windows);
                if (a.Param is not null)
                {
                    Walk(a.Param, from, to, queryStart, queryEnd, lookback, windows);
                }

                break;
            case FunctionCall call:
                foreach (var arg in call.Args)
                {
                    Walk(arg, from, to, queryStart, queryEnd, lookback, windows);
                }

                break;
        }
    }

    private static (long, long) Fixed(AtModifier at, long queryStart, long queryEnd)
    {
        var t = Resolve(at, 0, queryStart, queryEnd);
        return (t, t);
    }

    private static void Add(
        VectorSelector vs, long from, long to, long span, long queryStart, long queryEnd, Dictionary<VectorSelector, (long, long)> windows)
    {
        var (f, t) = vs.At is null ? (from, to) : Fixed(vs.At, queryStart, queryEnd);
        var window = (f - vs.OffsetMs - span, t - vs.OffsetMs);
        windows[vs] = windows.TryGetValue(vs, out var old) ? (Math.Min(old.Item1, window.Item1), Math.Max(old.Item2, window.Item2)) : window;
    }
}
