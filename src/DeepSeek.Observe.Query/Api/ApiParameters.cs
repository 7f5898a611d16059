using System.Globalization;

namespace DeepSeek.Observe.Query.Api;

/// <summary>
/// Request parameters the way Prometheus reads them: from the query string and, for POST, from a form body
/// (Grafana sends POST forms), with times as RFC 3339 or Unix seconds with a fraction.
/// </summary>
internal sealed class ApiParameters
{
    // Prometheus's defaults when start/end are absent: the whole representable range, in milliseconds.
    private const long MinTimeMs = -9_223_372_036_854_775L;
    private const long MaxTimeMs = 9_223_372_036_854_775L;

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private ApiParameters()
    {
    }

    public static async Task<ApiParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new ApiParameters();
        foreach (var (key, values) in request.Query)
        {
            parameters.Add(key, values);
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, values) in form)
            {
                parameters.Add(key, values);
            }
        }

        return parameters;
    }

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? Single(string name) => _values.TryGetValue(name, out var list) && list.Count > 0 ? list[^1] : null;

    public long StartMs => Time("start", MinTimeMs);

    public long EndMs => Time("end", MaxTimeMs);

    public int? Limit
    {
        get
        {
            var text = Single("limit");
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 0
                ? limit
                : throw ApiException.BadData($"invalid parameter \"limit\": cannot parse \"{text}\" to a non-negative integer");
        }
    }

    /// <summary>Parses RFC 3339 or (fractional) Unix seconds into milliseconds.</summary>
    public static bool TryParseTime(string text, out long milliseconds)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            milliseconds = (long)Math.Round(seconds * 1000);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            milliseconds = time.ToUnixTimeMilliseconds();
            return true;
        }

        milliseconds = 0;
        return false;
    }

    private long Time(string name, long fallback)
    {
        var text = Single(name);
        if (text is null)
        {
            return fallback;
        }

        return TryParseTime(text, out var ms)
            ? ms
            : throw ApiException.BadData($"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid timestamp");
    }

    private void Add(string key, IEnumerable<string?> values)
    {
        if (!_values.TryGetValue(key, out var list))
        {
            _values[key] = list = [];
        }

        list.AddRange(values.OfType<string>());
    }
}
