using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql.Ast;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Promql.Engine;

internal sealed partial class Evaluator
{
    private delegate double? RangeKernel(ReadOnlySpan<Sample> points, RangeWindow window, long t);

    private static readonly Dictionary<string, Func<double, double>> s_elementwise = new(StringComparer.Ordinal)
    {
        ["abs"] = MathFunctions.Abs,
        ["ceil"] = MathFunctions.Ceil,
        ["floor"] = MathFunctions.Floor,
        ["exp"] = MathFunctions.Exp,
        ["ln"] = MathFunctions.Ln,
        ["log2"] = MathFunctions.Log2,
        ["log10"] = MathFunctions.Log10,
        ["sqrt"] = MathFunctions.Sqrt,
        ["sgn"] = MathFunctions.Sgn,
        ["acos"] = Math.Acos,
        ["acosh"] = Math.Acosh,
        ["asin"] = Math.Asin,
        ["asinh"] = Math.Asinh,
        ["atan"] = Math.Atan,
        ["atanh"] = Math.Atanh,
        ["cos"] = Math.Cos,
        ["cosh"] = Math.Cosh,
        ["sin"] = Math.Sin,
        ["sinh"] = Math.Sinh,
        ["tan"] = Math.Tan,
        ["tanh"] = Math.Tanh,
        ["deg"] = v => v * 180 / Math.PI,
        ["rad"] = v => v * Math.PI / 180,
    };

    private static readonly Dictionary<string, Func<double, double>> s_dates = new(StringComparer.Ordinal)
    {
        ["year"] = DateFunctions.Year,
        ["month"] = DateFunctions.Month,
        ["day_of_month"] = DateFunctions.DayOfMonth,
        ["day_of_week"] = DateFunctions.DayOfWeek,
        ["day_of_year"] = DateFunctions.DayOfYear,
        ["days_in_month"] = DateFunctions.DaysInMonth,
        ["hour"] = DateFunctions.Hour,
        ["minute"] = DateFunctions.Minute,
    };

    private static readonly Dictionary<string, RangeKernel> s_range = new(StringComparer.Ordinal)
    {
        ["rate"] = (p, w, _) => RateFunctions.Rate(p, w),
        ["increase"] = (p, w, _) => RateFunctions.Increase(p, w),
        ["delta"] = (p, w, _) => RateFunctions.Delta(p, w),
        ["irate"] = (p, _, _) => RateFunctions.IRate(p),
        ["idelta"] = (p, _, _) => RateFunctions.IDelta(p),
        ["resets"] = (p, _, _) => CounterFunctions.Resets(p),
        ["changes"] = (p, _, _) => CounterFunctions.Changes(p),
        ["deriv"] = (p, _, _) => RegressionFunctions.Deriv(p),
        ["avg_over_time"] = (p, _, _) => OverTimeFunctions.Avg(p),
        ["sum_over_time"] = (p, _, _) => OverTimeFunctions.Sum(p),
        ["min_over_time"] = (p, _, _) => OverTimeFunctions.Min(p),
        ["max_over_time"] = (p, _, _) => OverTimeFunctions.Max(p),
        ["count_over_time"] = (p, _, _) => OverTimeFunctions.Count(p),
        ["last_over_time"] = (p, _, _) => OverTimeFunctions.Last(p),
        ["present_over_time"] = (p, _, _) => OverTimeFunctions.Present(p),
        ["stddev_over_time"] = (p, _, _) => OverTimeFunctions.StdDev(p),
        ["stdvar_over_time"] = (p, _, _) => OverTimeFunctions.StdVar(p),
    };

    private PromqlValue Call(FunctionCall call, long t)
    {
        var value = CallFunction(call, t);
        // Dropping __name__ can make two series equal; Prometheus refuses such a vector at every step.
        if (value.Type == PromqlValueType.Vector && !DistinctBySelection(call))
        {
            WithUniqueLabels(value.Vector);
        }

        return value;
    }

    private PromqlValue CallFunction(FunctionCall call, long t)
    {
        var name = call.Function.Name;
        var args = call.Args;
        if (s_range.TryGetValue(name, out var kernel))
        {
            var keepName = name == "last_over_time";
            return PromqlValue.OfVector(Unparen(args[0]) is MatrixSelector ms && TryStepTable(ms, kernel, keepName, t, out var fromTable)
                ? fromTable
                : OverRange(args[0], t, keepName, kernel));
        }

        if (s_elementwise.TryGetValue(name, out var f))
        {
            return PromqlValue.OfVector(Map(Eval(args[0], t).Vector, f));
        }

        if (s_dates.TryGetValue(name, out var date))
        {
            var input = args.Count == 0
                ? [new VectorSample(LabelSet.Empty, t / 1000.0, t)]
                : Eval(args[0], t).Vector;
            return PromqlValue.OfVector(Map(input.Where(s => DateFunctions.HasDate(s.Value)).ToList(), date));
        }

        return name switch
        {
            "quantile_over_time" => QuantileOverTime(args, t),
            "predict_linear" => PredictLinear(args, t),
            "holt_winters" => HoltWintersOf(args, t),
            "time" => PromqlValue.OfScalar(t / 1000.0),
            "pi" => PromqlValue.OfScalar(Math.PI),
            "vector" => PromqlValue.OfVector([new VectorSample(LabelSet.Empty, Scalar(args[0], t), t)]),
            "scalar" => PromqlValue.OfScalar(Eval(args[0], t).Vector is [var only] ? only.Value : double.NaN),
            "timestamp" => Timestamp(args[0], t),
            "round" => Round(args, t),
            "clamp" => Clamp(args, t),
            "clamp_min" => Map2(args, t, MathFunctions.ClampMin),
            "clamp_max" => Map2(args, t, MathFunctions.ClampMax),
            "histogram_quantile" => PromqlValue.OfVector(HistogramQuantileOf(Scalar(args[0], t), Eval(args[1], t).Vector, t)),
            "label_replace" => LabelReplaceOf(args, t),
            "label_join" => LabelJoinOf(args, t),
            "sort" => PromqlValue.OfVector(SortByValue(Eval(args[0], t).Vector, descending: false)),
            "sort_desc" => PromqlValue.OfVector(SortByValue(Eval(args[0], t).Vector, descending: true)),
            "absent" => PromqlValue.OfVector(Eval(args[0], t).Vector.Count > 0 ? [] : [new VectorSample(AbsentLabels(args[0]), 1, t)]),
            "absent_over_time" => PromqlValue.OfVector(Range(args[0], t).Series.Count > 0 ? [] : [new VectorSample(AbsentLabels(args[0]), 1, t)]),
            // Native-histogram functions skip float samples, and the store holds only floats.
            "histogram_count" or "histogram_sum" or "histogram_fraction" => NoNativeHistograms(args, t),
            _ => throw new PromqlExecutionException($"function {name}() is not supported yet"),
        };
    }

    private double Scalar(Expr expr, long t) => Eval(expr, t).Scalar;

    private PromqlValue NoNativeHistograms(IReadOnlyList<Expr> args, long t)
    {
        foreach (var arg in args)
        {
            Eval(arg, t);
        }

        return PromqlValue.OfVector([]);
    }

    private List<VectorSample> Map(List<VectorSample> input, Func<double, double> f) =>
        input.Select(s => new VectorSample(DropName(s.Labels), f(s.Value), s.TimestampMs)).ToList();

    private PromqlValue Map2(IReadOnlyList<Expr> args, long t, Func<double, double, double> f)
    {
        var vector = Eval(args[0], t).Vector;
        var p = Scalar(args[1], t);
        return PromqlValue.OfVector(Map(vector, v => f(v, p)));
    }

    private PromqlValue Round(IReadOnlyList<Expr> args, long t)
    {
        var vector = Eval(args[0], t).Vector;
        var toNearest = args.Count > 1 ? Scalar(args[1], t) : 1;
        return PromqlValue.OfVector(Map(vector, v => MathFunctions.Round(v, toNearest)));
    }

    private PromqlValue Clamp(IReadOnlyList<Expr> args, long t)
    {
        var vector = Eval(args[0], t).Vector;
        var (min, max) = (Scalar(args[1], t), Scalar(args[2], t));
        return PromqlValue.OfVector(MathFunctions.ClampDropsAll(min, max) ? [] : Map(vector, v => MathFunctions.Clamp(v, min, max)));
    }

    private List<VectorSample> OverRange(Expr arg, long t, bool keepName, RangeKernel kernel)
    {
        if (Unparen(arg) is MatrixSelector ms)
        {
            return OverSelectorWindow(ms, t, keepName, kernel);
        }

        var (series, window) = Range(arg, t);
        var result = new List<VectorSample>(series.Count);
        foreach (var s in series)
        {
            var points = s.Points is ArraySegment<Sample> segment ? segment.AsSpan() : s.Points.ToArray().AsSpan();
            if (kernel(points, window, t) is { } value)
            {
                result.Add(new VectorSample(keepName ? s.Labels : DropName(s.Labels), value, t));
            }
        }

        return result;
    }

    /// <summary>
    /// A range function straight over a matrix selector, the common case in dashboards and rules: the kernel reads
    /// each loaded series' window in place, without materialising the range vector.
    /// </summary>
    private List<VectorSample> OverSelectorWindow(MatrixSelector ms, long t, bool keepName, RangeKernel kernel)
    {
        var end = SelectorWindows.Resolve(ms.Selector.At, t, _queryStartMs, _queryEndMs) - ms.Selector.OffsetMs;
        var window = new RangeWindow(end - ms.RangeMs, end);
        var loaded = Series(ms.Selector);
        var result = new List<VectorSample>(loaded.Count);
        foreach (var series in loaded)
        {
            var points = series.Window(window.StartMs, window.EndMs);
            if (points.Count > 0 && kernel(points.AsSpan(), window, t) is { } value)
            {
                result.Add(new VectorSample(keepName ? series.Labels : DropName(series.Labels), value, t));
            }
        }

        return result;
    }

    /// <summary>
    /// Whether a call's output labels are distinct by construction, so the per-step duplicate check can be skipped:
    /// a range function straight over a selector yields one sample per loaded series, with its labels or without the
    /// name; the latter are distinct when the selected series differ in more than the name (checked once per query).
    /// </summary>
    private bool DistinctBySelection(FunctionCall call)
    {
        if (!s_range.ContainsKey(call.Function.Name) || call.Args.Count != 1 || Unparen(call.Args[0]) is not MatrixSelector ms)
        {
            return false;
        }

        if (call.Function.Name == "last_over_time")
        {
            return true;
        }

        if (!_distinctWithoutName.TryGetValue(ms.Selector, out var distinct))
        {
            var seen = new HashSet<LabelSet>();
            distinct = Series(ms.Selector).TrueForAll(s => seen.Add(DropName(s.Labels)));
            _distinctWithoutName[ms.Selector] = distinct;
        }

        return distinct;
    }

    private static Expr Unparen(Expr expr) => expr is ParenExpr p ? Unparen(p.Expr) : expr;

    private PromqlValue QuantileOverTime(IReadOnlyList<Expr> args, long t)
    {
        var phi = Scalar(args[0], t);
        return PromqlValue.OfVector(OverRange(args[1], t, keepName: false, (p, _, _) => OverTimeFunctions.QuantileOverTime(phi, p)));
    }

    private PromqlValue PredictLinear(IReadOnlyList<Expr> args, long t)
    {
        var duration = Scalar(args[1], t);
        return PromqlValue.OfVector(OverRange(args[0], t, keepName: false, (p, _, ts) => RegressionFunctions.PredictLinear(p, ts, duration)));
    }

    private PromqlValue HoltWintersOf(IReadOnlyList<Expr> args, long t)
    {
        var (smoothing, trend) = (Scalar(args[1], t), Scalar(args[2], t));
        // Prometheus checks the factors inside the per-series call, so a selection without series is no error.
        return PromqlValue.OfVector(OverRange(args[0], t, keepName: false, (p, _, _) =>
        {
            HoltWinters.Validate(smoothing, trend);
            return HoltWinters.Compute(p, smoothing, trend);
        }));
    }

    private PromqlValue Timestamp(Expr arg, long t)
    {
        // A selector's samples keep their own timestamps here; any other expression reports the step time.
        while (arg is ParenExpr p)
        {
            arg = p.Expr;
        }

        var input = arg is VectorSelector vs ? Instant(vs, t, keepTimestamps: true) : Eval(arg, t).Vector;
        return PromqlValue.OfVector(input
            .Select(s => new VectorSample(DropName(s.Labels), OverTimeFunctions.Timestamp(s.TimestampMs), t))
            .ToList());
    }

    private PromqlValue LabelReplaceOf(IReadOnlyList<Expr> args, long t)
    {
        var edit = LabelReplace.Create(Text(args[1]), Text(args[2]), Text(args[3]), Text(args[4]));
        return PromqlValue.OfVector(WithUniqueLabels(Eval(args[0], t).Vector.Select(s => s with { Labels = edit.Apply(s.Labels) }).ToList()));
    }

    private PromqlValue LabelJoinOf(IReadOnlyList<Expr> args, long t)
    {
        var edit = LabelJoin.Create(Text(args[1]), Text(args[2]), args.Skip(3).Select(Text).ToList());
        return PromqlValue.OfVector(WithUniqueLabels(Eval(args[0], t).Vector.Select(s => s with { Labels = edit.Apply(s.Labels) }).ToList()));
    }

    private static string Text(Expr expr) => expr switch
    {
        StringLiteralExpr s => s.Value,
        ParenExpr p => Text(p.Expr),
        _ => throw new PromqlExecutionException($"expected a string literal, got {expr}"),
    };

    internal static List<VectorSample> WithUniqueLabels(List<VectorSample> vector)
    {
        var seen = new HashSet<LabelSet>();
        foreach (var s in vector)
        {
            if (!seen.Add(s.Labels))
            {
                throw new PromqlExecutionException("vector cannot contain metrics with the same labelset");
            }
        }

        return vector;
    }

    private static List<VectorSample> SortByValue(List<VectorSample> vector, bool descending)
    {
        // NaN sorts last in both directions, as in Prometheus.
        var sorted = vector.ToList();
        sorted.Sort((a, b) =>
        {
            if (double.IsNaN(a.Value) || double.IsNaN(b.Value))
            {
                return double.IsNaN(a.Value).CompareTo(double.IsNaN(b.Value));
            }

            return descending ? b.Value.CompareTo(a.Value) : a.Value.CompareTo(b.Value);
        });
        return sorted;
    }

    private static LabelSet AbsentLabels(Expr arg)
    {
        while (arg is ParenExpr p)
        {
            arg = p.Expr;
        }

        var matchers = arg switch
        {
            VectorSelector vs => vs.Matchers,
            MatrixSelector ms => ms.Selector.Matchers,
            _ => [],
        };

        // Equality matchers become labels; any other matcher on a name, or a second one, removes it (Prometheus's rule).
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in matchers)
        {
            if (m.Name == LabelNames.MetricName)
            {
                continue;
            }

            if (m.Type == LabelMatchType.Equal && !labels.ContainsKey(m.Name))
            {
                labels[m.Name] = m.Value;
            }
            else
            {
                labels.Remove(m.Name);
            }
        }

        return LabelSet.Create(labels.Where(kv => kv.Value.Length > 0));
    }

    private static List<VectorSample> HistogramQuantileOf(double phi, List<VectorSample> input, long t)
    {
        var groups = new Dictionary<LabelSet, List<HistogramBucket>>();
        var order = new List<LabelSet>();
        foreach (var s in input)
        {
            if (!HistogramBucket.TryParseUpperBound(s.Labels["le"], out var upper))
            {
                continue;
            }

            var key = s.Labels.Without("le").Without(LabelNames.MetricName);
            if (!groups.TryGetValue(key, out var buckets))
            {
                groups[key] = buckets = [];
                order.Add(key);
            }

            buckets.Add(new HistogramBucket(upper, s.Value));
        }

        return order.Select(k => new VectorSample(k, HistogramQuantile.Compute(phi, [.. groups[k]]), t)).ToList();
    }
}
