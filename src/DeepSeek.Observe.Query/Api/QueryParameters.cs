using System.Globalization;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Api;

/// <summary>The query endpoints' parameters, parsed and rejected with Prometheus's <c>invalid parameter</c> messages.</summary>
internal static class QueryParameters
{
    public static Expr Expression(ApiParameters parameters)
    {
        try
        {
            return PromqlParser.Parse(parameters.Single("query") ?? string.Empty);
        }
        catch (PromqlParseException ex)
        {
            throw ApiException.BadData($"invalid parameter \"query\": {ex.Message}", ex);
        }
    }

    // Prometheus's representable time range in milliseconds; beyond it window arithmetic could overflow.
    private const long MaxTimeMs = 9_223_372_036_854_775L;

    public static long Time(string text, string name) =>
        ApiParameters.TryParseTime(text, out var ms) && ms is >= -MaxTimeMs and <= MaxTimeMs
            ? ms
            : throw ApiException.BadData($"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid timestamp");

    /// <summary>Float seconds (<c>15</c>, <c>0.5</c>) or a Prometheus duration (<c>1m30s</c>), in milliseconds.</summary>
    public static long Duration(string text, string name)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            var ms = seconds * 1000;
            if (double.IsFinite(ms) && Math.Abs(ms) < long.MaxValue / 2.0)
            {
                return (long)Math.Round(ms);
            }
        }
        else if (PromqlDuration.TryParse(text, out var parsed, out _))
        {
            return parsed;
        }

        throw ApiException.BadData($"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid duration");
    }
}
