using System.Text.Json;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Api;

/// <summary>
/// Reads Alertmanager's <c>POST /api/v2/alerts</c> body (a list of labels, annotations, startsAt, endsAt,
/// generatorURL) with its validation rules and messages. Absent times are left at their defaults for the dispatcher
/// to fill (start: now; end: now + resolve_timeout).
/// </summary>
internal static class PostableAlertReader
{
    public static bool TryRead(JsonElement root, out List<PostableAlert> alerts, out string? error)
    {
        alerts = [];
        if (root.ValueKind != JsonValueKind.Array)
        {
            error = "expected a JSON array of alerts";
            return false;
        }

        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            if (!TryReadOne(element, out var alert, out error))
            {
                error = $"alert {index}: {error}";
                return false;
            }

            alerts.Add(alert);
            index++;
        }

        error = null;
        return true;
    }

    private static bool TryReadOne(JsonElement element, out PostableAlert alert, out string? error)
    {
        alert = null!;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "expected a JSON object";
            return false;
        }

        LabelSet labels = LabelSet.Empty, annotations = LabelSet.Empty;
        DateTimeOffset startsAt = default, endsAt = default;
        var generatorUrl = string.Empty;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "labels" when !TryReadLabels(property.Value, "labels", out labels, out error):
                case "annotations" when !TryReadLabels(property.Value, "annotations", out annotations, out error):
                case "startsAt" when !TryReadTime(property.Value, "startsAt", out startsAt, out error):
                case "endsAt" when !TryReadTime(property.Value, "endsAt", out endsAt, out error):
                    return false;
                case "generatorURL" when property.Value.ValueKind == JsonValueKind.String:
                    generatorUrl = property.Value.GetString()!;
                    if (generatorUrl.Length > 0 && !Uri.TryCreate(generatorUrl, UriKind.Absolute, out _))
                    {
                        error = $"generatorURL \"{generatorUrl}\" is not an absolute URL";
                        return false;
                    }

                    break;
                case "generatorURL" when property.Value.ValueKind != JsonValueKind.Null:
                    error = "generatorURL must be a string";
                    return false;
            }
        }

        if (labels.Count == 0)
        {
            error = "at least one label pair required";
            return false;
        }

        if (startsAt != default && endsAt != default && endsAt < startsAt)
        {
            error = "start time must be before end time";
            return false;
        }

        alert = new PostableAlert(labels, annotations, startsAt, endsAt == default ? null : endsAt, generatorUrl);
        error = null;
        return true;
    }

    private static bool TryReadLabels(JsonElement value, string field, out LabelSet labels, out string? error)
    {
        labels = LabelSet.Empty;
        if (value.ValueKind == JsonValueKind.Null)
        {
            error = null;
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            error = $"{field} must be an object of string values";
            return false;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                error = $"{field}: \"{property.Name}\" must have a string value";
                return false;
            }

            if (property.Name == LabelNames.MetricName)
            {
                error = $"{field}: invalid name \"{property.Name}\"";
                return false;
            }

            pairs.Add(KeyValuePair.Create(property.Name, property.Value.GetString()!));
        }

        if (!LabelSet.TryCreate(pairs, out labels, out var problem))
        {
            error = $"invalid {field}: {problem}";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryReadTime(JsonElement value, string field, out DateTimeOffset time, out string? error)
    {
        time = default;
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && ApiTime.TryParse(value.GetString(), out time))
        {
            return true;
        }

        error = $"{field} must be an RFC 3339 timestamp such as 2026-01-02T15:04:05Z";
        return false;
    }
}
