using System.Text.Json;
using DeepSeek.Observe.Alerting.Notifications.Matching;

namespace DeepSeek.Observe.Alerting.Notifications.Api;

/// <summary>Reads Alertmanager's <c>postableSilence</c>: id (to update), matchers, startsAt, endsAt, createdBy, comment.</summary>
internal static class PostableSilenceReader
{
    public sealed record PostableSilence(
        string? Id, IReadOnlyList<Matcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment);

    public static bool TryRead(JsonElement root, out PostableSilence silence, out string? error)
    {
        silence = null!;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "expected a JSON object";
            return false;
        }

        string? id = null, createdBy = null, comment = null;
        DateTimeOffset? startsAt = null, endsAt = null;
        List<Matcher>? matchers = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "id" when value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString()):
                    id = value.GetString();
                    if (!Guid.TryParse(id, out _))
                    {
                        error = $"id must be a UUID: \"{id}\"";
                        return false;
                    }

                    break;
                case "createdBy" when value.ValueKind == JsonValueKind.String:
                    createdBy = value.GetString();
                    break;
                case "comment" when value.ValueKind == JsonValueKind.String:
                    comment = value.GetString();
                    break;
                case "startsAt" or "endsAt":
                    if (value.ValueKind != JsonValueKind.String || !ApiTime.TryParse(value.GetString(), out var time))
                    {
                        error = $"{property.Name} must be an RFC 3339 timestamp such as 2026-01-02T15:04:05Z";
                        return false;
                    }

                    if (property.Name == "startsAt")
                    {
                        startsAt = time;
                    }
                    else
                    {
                        endsAt = time;
                    }

                    break;
                case "matchers":
                    if (!TryReadMatchers(value, out matchers, out error))
                    {
                        return false;
                    }

                    break;
            }
        }

        error = (matchers, startsAt, endsAt, createdBy, comment) switch
        {
            (null, _, _, _, _) => "matchers is required",
            (_, null, _, _, _) => "startsAt is required",
            (_, _, null, _, _) => "endsAt is required",
            (_, _, _, null, _) => "createdBy is required",
            (_, _, _, _, null) => "comment is required",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        silence = new PostableSilence(id, matchers!, startsAt!.Value, endsAt!.Value, createdBy!, comment!);
        return true;
    }

    private static bool TryReadMatchers(JsonElement value, out List<Matcher> matchers, out string? error)
    {
        matchers = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            error = "matchers must be a list";
            return false;
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !element.TryGetProperty("value", out var text) || text.ValueKind != JsonValueKind.String)
            {
                error = $"matchers[{index}]: name and value (strings) are required";
                return false;
            }

            var isRegex = element.TryGetProperty("isRegex", out var regex) && regex.ValueKind == JsonValueKind.True;
            var isEqual = !element.TryGetProperty("isEqual", out var equal) || equal.ValueKind != JsonValueKind.False;
            var type = (isRegex, isEqual) switch
            {
                (false, true) => MatcherType.Equal,
                (false, false) => MatcherType.NotEqual,
                (true, true) => MatcherType.Regex,
                _ => MatcherType.NotRegex,
            };
            if (!Matcher.TryCreate(name.GetString()!, type, text.GetString()!, out var matcher, out error))
            {
                error = $"silence invalid: invalid label matcher {index}: {error}";
                return false;
            }

            matchers.Add(matcher);
            index++;
        }

        error = null;
        return true;
    }
}
