using System.Runtime.InteropServices;

namespace DeepSeek.Observe.Core.Durability;

/// <summary>
/// fsync of a directory, which makes a rename or a new file's name durable: without it a power cut can bring back
/// the old name. .NET cannot open a directory as a file, so this goes to libc on Unix; Windows has no equivalent
/// need (NTFS journals metadata).
/// </summary>
public static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int DirectoryFlag = 0x10000; // O_DIRECTORY on Linux

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnly | DirectoryFlag);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
