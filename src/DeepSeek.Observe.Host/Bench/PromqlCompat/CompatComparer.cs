using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>
/// Compares two Prometheus query API responses (<c>/api/v1/query</c>, <c>/api/v1/query_range</c>): the expected one
/// (Prometheus) and the actual one (the platform). They match when both fail with the same <c>errorType</c>, or both
/// succeed with the same <c>resultType</c>, the same label sets and, per series, the same timestamps and values.
/// <list type="bullet">
/// <item>Order: ignored unless <c>ordered</c> — Prometheus defines it only for <c>sort</c>/<c>sort_desc</c> at an
/// instant (range results come sorted by labels, <c>topk</c>'s order is an implementation detail); with it, the
/// sequence of label sets must be equal.</item>
/// <item>Values: equal within <see cref="RelativeTolerance"/> of the larger magnitude, or within
/// <see cref="AbsoluteTolerance"/> near zero (sums in another order differ in the last bits); NaN only matches NaN,
/// ±Inf only itself; string results must be equal.</item>
/// <item>Timestamps: equal to the millisecond. Error messages, warnings and stats are not compared.</item>
/// </list>
/// </summary>
internal static class CompatComparer
{
    public const double RelativeTolerance = 1e-9;
    public const double AbsoluteTolerance = 1e-12;

    // How many missing or extra series one reason names before it only counts them.
    private const int NamedInReason = 3;

    /// <summary>Null when the responses match, otherwise why not (one line).</summary>
    public static string? Compare(string expected, string actual, bool ordered)
    {
        JsonDocument expectedDocument, actualDocument;
        try
        {
            expectedDocument = JsonDocument.Parse(expected);
        }
        catch (JsonException ex)
        {
            return $"expected response is not JSON: {ex.Message}";
        }

        using (expectedDocument)
        {
            try
            {
                actualDocument = JsonDocument.Parse(actual);
            }
            catch (JsonException)
            {
                return $"response is not JSON: {Shorten(actual)}";
            }

            using (actualDocument)
            {
                return Compare(expectedDocument.RootElement, actualDocument.RootElement, ordered);
            }
        }
    }

    private static string? Compare(JsonElement expected, JsonElement actual, bool ordered)
    {
        var (expectedError, actualError) = (ErrorType(expected), ErrorType(actual));
        if (expectedError is not null || actualError is not null)
        {
            return expectedError == actualError ? null
                : expectedError is null ? $"unexpected error {actualError}: {Message(actual)}"
                : actualError is null ? $"expected error {expectedError} ({Message(expected)}), got success"
                : $"expected error {expectedError} ({Message(expected)}), got {actualError}: {Message(actual)}";
        }

        if (!actual.TryGetProperty("data", out var actualData) || !actualData.TryGetProperty("resultType", out var actualType))
        {
            return "response has no data.resultType";
        }

        var expectedData = expected.GetProperty("data");
        var type = expectedData.GetProperty("resultType").GetString();
        if (type != actualType.GetString())
        {
            return $"resultType {actualType.GetString()}, expected {type}";
        }

        var (e, a) = (expectedData.GetProperty("result"), actualData.GetProperty("result"));
        return type switch
        {
            "scalar" => CompareSample("scalar", e, a),
            "string" => e[1].GetString() == a[1].GetString() && SameTime(e[0], a[0]) ? null : $"string {a}, expected {e}",
            _ => CompareSeries(e, a, matrix: type == "matrix", ordered),
        };
    }

    private static string? CompareSeries(JsonElement expected, JsonElement actual, bool matrix, bool ordered)
    {
        var expectedSeries = expected.EnumerateArray().Select(s => (Key: Key(s.GetProperty("metric")), Series: s)).ToList();
        var actualSeries = actual.EnumerateArray().Select(s => (Key: Key(s.GetProperty("metric")), Series: s)).ToList();
        if (actualSeries.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            return $"series {duplicate.Key} appears {duplicate.Count()} times";
        }

        var byKey = actualSeries.ToDictionary(s => s.Key, s => s.Series, StringComparer.Ordinal);
        var expectedKeys = expectedSeries.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var missing = expectedSeries.Where(s => !byKey.ContainsKey(s.Key)).Select(s => s.Key).ToList();
        var extra = actualSeries.Where(s => !expectedKeys.Contains(s.Key)).Select(s => s.Key).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            return $"{expectedSeries.Count} series expected, {actualSeries.Count} returned; missing {Names(missing)}; extra {Names(extra)}";
        }

        if (ordered && !expectedSeries.Select(s => s.Key).SequenceEqual(actualSeries.Select(s => s.Key), StringComparer.Ordinal))
        {
            return $"order differs: expected {Names([.. expectedSeries.Select(s => s.Key)])}, got {Names([.. actualSeries.Select(s => s.Key)])}";
        }

        foreach (var (key, series) in expectedSeries)
        {
            var other = byKey[key];
            var reason = matrix
                ? CompareValues(key, series.GetProperty("values"), other.GetProperty("values"))
                : CompareSample(key, series.GetProperty("value"), other.GetProperty("value"));
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CompareValues(string key, JsonElement expected, JsonElement actual)
    {
        var (e, a) = (expected.GetArrayLength(), actual.GetArrayLength());
        for (var i = 0; i < Math.Min(e, a); i++)
        {
            if (CompareSample(key, expected[i], actual[i]) is { } reason)
            {
                return reason;
            }
        }

        return e == a ? null
            : $"{key}: {a} points, expected {e} (first {(e > a ? "missing" : "extra")} at t={(e > a ? expected : actual)[Math.Min(e, a)][0]})";
    }

    private static string? CompareSample(string key, JsonElement expected, JsonElement actual)
    {
        if (!SameTime(expected[0], actual[0]))
        {
            return $"{key}: point at t={actual[0]}, expected t={expected[0]}";
        }

        var (e, a) = (expected[1].GetString(), actual[1].GetString());
        return ValuesEqual(e, a) ? null : $"{key}: at t={expected[0]} value {a}, expected {e}";
    }

    /// <summary>Value equality as the suite defines it (see the class comment) on the API's string form.</summary>
    public static bool ValuesEqual(string? expected, string? actual)
    {
        if (!TryParse(expected, out var e) || !TryParse(actual, out var a))
        {
            return expected == actual;
        }

        if (double.IsNaN(e) || double.IsNaN(a) || double.IsInfinity(e) || double.IsInfinity(a))
        {
            return double.IsNaN(e) ? double.IsNaN(a) : e.Equals(a);
        }

        var difference = Math.Abs(e - a);
        return difference <= AbsoluteTolerance || difference <= RelativeTolerance * Math.Max(Math.Abs(e), Math.Abs(a));
    }

    // The API writes Go's strconv forms: NaN, +Inf, -Inf, or a number.
    private static bool TryParse(string? text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static bool SameTime(JsonElement expected, JsonElement actual) =>
        expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number
        && Math.Round(expected.GetDouble() * 1000) == Math.Round(actual.GetDouble() * 1000);

    private static string? ErrorType(JsonElement response) =>
        response.TryGetProperty("status", out var status) && status.GetString() == "success" ? null
        : response.TryGetProperty("errorType", out var type) ? type.GetString() ?? "?" : "?";

    private static string Message(JsonElement response) =>
        response.TryGetProperty("error", out var error) ? Shorten(error.GetString() ?? "") : "";

    /// <summary>A label set's canonical form: <c>{a="1", b="2"}</c> sorted by name, whatever the JSON's order.</summary>
    private static string Key(JsonElement metric)
    {
        var labels = metric.EnumerateObject().Select(p => (p.Name, Value: p.Value.GetString() ?? "")).OrderBy(p => p.Name, StringComparer.Ordinal);
        var key = new StringBuilder("{");
        foreach (var (name, value) in labels)
        {
            key.Append(key.Length > 1 ? ", " : "").Append(name).Append("=\"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return key.Append('}').ToString();
    }

    private static string Names(List<string> keys) =>
        keys.Count == 0 ? "none" : string.Join(" ", keys.Take(NamedInReason)) + (keys.Count > NamedInReason ? $" (+{keys.Count - NamedInReason} more)" : "");

    private static string Shorten(string text) => text.Length <= 200 ? text.ReplaceLineEndings(" ") : text[..200].ReplaceLineEndings(" ") + "…";
}
