using DeepSeek.Observe.Core.Durability;
using System.Text.Json;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>
/// The notification log on disk, replaced atomically after each flush that sent something, so a restarted platform
/// knows what its receivers were already told and does not repeat it before repeat_interval.
/// </summary>
internal sealed class NotificationLogFile(string path)
{
    public string Path { get; } = path;

    public IReadOnlyList<Record> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<Record>>(File.ReadAllBytes(Path)) ?? [];
        }
        catch (JsonException)
        {
            // Losing the log costs at most a repeated notification (the idempotency key dedupes it downstream);
            // refusing to start would cost every notification.
            return [];
        }
    }

    public void Write(IEnumerable<Record> records)
    {
        DurableFile.Replace(Path, stream => JsonSerializer.Serialize(stream, records));
    }

    /// <summary>One entry as stored.</summary>
    internal sealed record Record(string GroupKey, string Receiver, int Webhook, ulong[] Firing, ulong[] Resolved, DateTimeOffset Timestamp);
}
