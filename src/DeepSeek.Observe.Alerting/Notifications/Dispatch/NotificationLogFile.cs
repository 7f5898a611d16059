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
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, records);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>One entry as stored.</summary>
    internal sealed record Record(string GroupKey, string Receiver, int Webhook, ulong[] Firing, ulong[] Resolved, DateTimeOffset Timestamp);
}
