using System.Collections.Frozen;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// Every function of Prometheus 2.42 with its signature (promql/parser/functions.go of that release): the parser
/// accepts exactly these names (case-sensitive) and argument types.
/// </summary>
public static class PromqlFunctions
{
    private const PromqlValueType Scalar = PromqlValueType.Scalar;
    private const PromqlValueType Vector = PromqlValueType.Vector;
    private const PromqlValueType Matrix = PromqlValueType.Matrix;
    private const PromqlValueType Str = PromqlValueType.String;

    private static readonly FrozenDictionary<string, PromqlFunction> s_all = Build().ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<PromqlFunction> All => s_all.Values;

    public static bool TryGet(string name, out PromqlFunction function) => s_all.TryGetValue(name, out function!);

    private static IEnumerable<PromqlFunction> Build()
    {
        // Element-wise maths on an instant vector.
        foreach (var name in (string[])["abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh",
            "deg", "exp", "floor", "histogram_count", "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh",
            "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp"])
        {
            yield return F(name, [Vector]);
        }

        // Functions over a range vector.
        foreach (var name in (string[])["absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv",
            "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time", "present_over_time", "rate",
            "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time"])
        {
            yield return F(name, [Matrix]);
        }

        // Date functions default to time() when the vector is left out.
        foreach (var name in (string[])["day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year"])
        {
            yield return F(name, [Vector], variadic: 1);
        }

        yield return F("clamp", [Vector, Scalar, Scalar]);
        yield return F("clamp_max", [Vector, Scalar]);
        yield return F("clamp_min", [Vector, Scalar]);
        yield return F("histogram_fraction", [Scalar, Scalar, Vector]);
        yield return F("histogram_quantile", [Scalar, Vector]);
        yield return F("holt_winters", [Matrix, Scalar, Scalar]);
        yield return F("label_join", [Vector, Str, Str, Str], variadic: -1);
        yield return F("label_replace", [Vector, Str, Str, Str, Str]);
        yield return F("pi", [], returns: Scalar);
        yield return F("predict_linear", [Matrix, Scalar]);
        yield return F("quantile_over_time", [Scalar, Matrix]);
        yield return F("round", [Vector, Scalar], variadic: 1);
        yield return F("scalar", [Vector], returns: Scalar);
        yield return F("time", [], returns: Scalar);
        yield return F("vector", [Scalar]);
    }

    private static PromqlFunction F(string name, PromqlValueType[] args, int variadic = 0, PromqlValueType returns = Vector) =>
        new(name, args, variadic, returns);
}
