using DeepSeek.Observe.Alerting.Notifications.Dispatch;
using DeepSeek.Observe.Alerting.Notifications.Matching;
using Microsoft.Extensions.Primitives;

namespace DeepSeek.Observe.Alerting.Notifications.Api;

/// <summary><c>/api/v2/alerts</c> in Alertmanager's shapes: post alert reports, list the active alerts.</summary>
internal static class AlertsApi
{
    public static async Task<IResult> PostAsync(HttpRequest request, NotificationDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var (document, error) = await ApiBody.ReadAsync(request, cancellationToken);
        using (document)
        {
            if (document is null)
            {
                return ApiBody.BadRequest(error!);
            }

            if (!PostableAlertReader.TryRead(document.RootElement, out var alerts, out error))
            {
                return ApiBody.BadRequest(error!);
            }

            var result = dispatcher.Accept(alerts, "api");
            return result.Accepted
                ? TypedResults.Ok()
                : TypedResults.Json(result.Error, statusCode: StatusCodes.Status429TooManyRequests);
        }
    }

    public static IResult Get(HttpRequest request, NotificationDispatcher dispatcher)
    {
        var query = request.Query;
        if (!TryFlag(query, "active", out var active, out var error)
            || !TryFlag(query, "silenced", out var silenced, out error)
            || !TryFlag(query, "inhibited", out var inhibited, out error)
            || !TryFlag(query, "unprocessed", out _, out error)
            || !TryFilter(query["filter"], out var filter, out error)
            || !TryReceiver(query["receiver"], out var receiver, out error))
        {
            return ApiBody.BadRequest(error!);
        }

        var alerts = dispatcher.ActiveAlerts()
            .Where(v => filter.MatchesAll(v.Alert.Labels))
            .Where(v => receiver is null || v.Receivers.Any(receiver.Matches))
            .Where(v => (active || v.IsSuppressed)
                        && (silenced || v.SilencedBy.Count == 0)
                        && (inhibited || v.InhibitedBy.Count == 0))
            .OrderBy(v => v.Alert.Fingerprint)
            .Select(ToGettable)
            .ToList();
        return TypedResults.Json(alerts);
    }

    private static GettableAlert ToGettable(AlertView view) => new(
        view.Alert.Annotations.ToDictionary(),
        ApiTime.Format(view.Alert.EndsAt),
        view.Alert.FingerprintText,
        [.. view.Receivers.Select(r => new ReceiverName(r))],
        ApiTime.Format(view.Alert.StartsAt),
        new AlertStatus(view.InhibitedBy, view.SilencedBy, view.IsSuppressed ? "suppressed" : "active"),
        ApiTime.Format(view.Alert.UpdatedAt),
        string.IsNullOrEmpty(view.Alert.GeneratorUrl) ? null : view.Alert.GeneratorUrl,
        view.Alert.Labels.ToDictionary());

    private static bool TryFlag(IQueryCollection query, string name, out bool value, out string? error)
    {
        value = true;
        error = null;
        var text = query[name];
        if (StringValues.IsNullOrEmpty(text))
        {
            return true;
        }

        if (bool.TryParse(text[^1], out value))
        {
            return true;
        }

        error = $"{name} must be true or false, not \"{text[^1]}\"";
        return false;
    }

    internal static bool TryFilter(StringValues values, out IReadOnlyList<Matcher> matchers, out string? error)
    {
        var list = new List<Matcher>();
        foreach (var value in values)
        {
            if (!MatcherParser.TryParseList(value ?? string.Empty, out var parsed, out error))
            {
                matchers = [];
                error = $"bad filter: {error}";
                return false;
            }

            list.AddRange(parsed);
        }

        matchers = list;
        error = null;
        return true;
    }

    private static bool TryReceiver(StringValues values, out Matcher? receiver, out string? error)
    {
        receiver = null;
        error = null;
        if (StringValues.IsNullOrEmpty(values))
        {
            return true;
        }

        // The receiver filter is a regular expression over receiver names; a matcher on a stand-in label runs it.
        if (!Matcher.TryCreate("receiver", MatcherType.Regex, values[^1] ?? string.Empty, out var matcher, out error))
        {
            error = $"bad receiver: {error}";
            return false;
        }

        receiver = matcher;
        return true;
    }
}
