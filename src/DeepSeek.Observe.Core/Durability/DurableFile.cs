namespace DeepSeek.Observe.Core.Durability;

/// <summary>
/// Replaces a small state file so that a crash at any point leaves either the old or the new content, never a torn
/// mix: write a temporary file, fsync it, rename it over the old one, then fsync the directory so the rename itself
/// survives a power cut.
/// </summary>
public static class DurableFile
{
    public const string TemporarySuffix = ".tmp";

    public static void Replace(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(directory);
    }

    public static async ValueTask ReplaceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + TemporarySuffix;
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(content, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(directory);
    }
}
