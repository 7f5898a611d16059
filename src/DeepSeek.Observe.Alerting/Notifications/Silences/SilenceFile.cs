using DeepSeek.Observe.Core.Durability;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeepSeek.Observe.Alerting.Notifications.Matching;

namespace DeepSeek.Observe.Alerting.Notifications.Silences;

/// <summary>
/// Silences on disk: one JSON file replaced atomically (written beside it, flushed, renamed over it), so a crash
/// leaves either the old or the new set, never half of one.
/// </summary>
internal sealed class SilenceFile(string path)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    public string Path { get; } = path;

    public IReadOnlyList<Silence> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            var records = JsonSerializer.Deserialize<List<SilenceRecord>>(File.ReadAllBytes(Path), s_json) ?? [];
            var silences = new List<Silence>(records.Count);
            foreach (var record in records)
            {
                var matchers = record.Matchers.Select(m => Matcher.Create(m.Name, m.Type, m.Value)).ToList();
                silences.Add(new Silence(record.Id, matchers, record.StartsAt, record.EndsAt, record.UpdatedAt, record.CreatedBy, record.Comment));
            }

            return silences;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // Refusing to start beats starting without the silences an operator relies on.
            throw new InvalidOperationException($"The silences file {Path} is not readable ({ex.Message}); fix or remove it", ex);
        }
    }

    public void Write(IEnumerable<Silence> silences)
    {
        var records = silences.Select(s => new SilenceRecord(
            s.Id,
            [.. s.Matchers.Select(m => new MatcherRecord(m.Name, m.Type, m.Value))],
            s.StartsAt,
            s.EndsAt,
            s.UpdatedAt,
            s.CreatedBy,
            s.Comment)).ToList();
        DurableFile.Replace(Path, stream => JsonSerializer.Serialize(stream, records, s_json));
    }

    private sealed record SilenceRecord(
        string Id, List<MatcherRecord> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset UpdatedAt, string CreatedBy, string Comment);

    private sealed record MatcherRecord(
        string Name, [property: JsonConverter(typeof(JsonStringEnumConverter<MatcherType>))] MatcherType Type, string Value);
}
