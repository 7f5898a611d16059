using DeepSeek.Observe.Core.Durability;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// The outbox's file format: one file per notification, <c>&lt;id&gt;.ntf</c>, holding a 4-byte magic, the CRC-32 of
/// the rest and the record as JSON. Why one file each rather than a journal: notifications are few (thousands, not
/// millions), a state change rewrites one small file, nothing needs compaction, and an operator can read or remove
/// one by hand. Each write goes to a temporary file that is fsynced, renamed over the old one and followed by an
/// fsync of the directory, so after a crash at any point a name holds either the old record or the new one, whole.
/// The checksum still guards against what rename cannot (a disk returning garbage): such a file is set aside, not
/// trusted and not deleted.
/// </summary>
internal sealed class OutboxFiles(string directory)
{
    public const string Extension = ".ntf";
    private const string TemporaryExtension = DurableFile.TemporarySuffix;
    private const string QuarantineDirectory = "corrupt";
    private const uint Magic = 0x4E54_4631; // "NTF1"
    private const int HeaderBytes = 8;

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Creates the directory and removes temporary files a crash left (their writes were never acknowledged).</summary>
    public void Prepare()
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, "*" + TemporaryExtension))
        {
            File.Delete(leftover);
        }
    }

    public IEnumerable<string> List() => System.IO.Directory.EnumerateFiles(Directory, "*" + Extension);

    /// <summary>Reads one record; null when the file is torn or corrupt.</summary>
    public static OutboxRecord? TryRead(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < HeaderBytes
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)) != Crc32.HashToUInt32(bytes.AsSpan(HeaderBytes)))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<OutboxRecord>(bytes.AsSpan(HeaderBytes), s_json);
            return record is not null && Path.GetFileNameWithoutExtension(path) == record.Id ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="record"/> durably in place of any earlier version.</summary>
    public async ValueTask WriteAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, s_json);
        var bytes = new byte[HeaderBytes + json.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Crc32.HashToUInt32(json));
        json.CopyTo(bytes, HeaderBytes);

        await DurableFile.ReplaceAsync(PathOf(record.Id), bytes, cancellationToken);
    }

    public void Delete(string id)
    {
        File.Delete(PathOf(id));
        DirectorySync.Flush(Directory);
    }

    /// <summary>Moves an unreadable file aside, where it neither blocks start-up nor gets lost.</summary>
    public string Quarantine(string path)
    {
        var target = Path.Combine(Directory, QuarantineDirectory);
        System.IO.Directory.CreateDirectory(target);
        var destination = Path.Combine(target, Path.GetFileName(path));
        File.Move(path, destination, overwrite: true);
        DirectorySync.Flush(Directory);
        return destination;
    }

    private string PathOf(string id) => Path.Combine(Directory, id + Extension);
}
