using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>
/// The embedded store's ownership of its data directory. Two processes writing one directory would corrupt it, so,
/// as Prometheus does, the first to start holds an exclusive lock file until it stops.
/// </summary>
internal sealed partial class EmbeddedStore(IOptions<StorageOptions> options, ILogger<EmbeddedStore> logger)
    : IStore, IHostedService, IDisposable
{
    private const string LockFileName = "lock";
    private const string ProbeFileName = ".ready-probe";

    private readonly string _directory = Path.GetFullPath(options.Value.DataDirectory);
    private FileStream? _lock;

    public StoreKind Kind => StoreKind.Embedded;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(_directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreStartupException($"cannot create data directory {_directory}: {ex.Message}", ex);
        }

        var lockPath = Path.Combine(_directory, LockFileName);
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix: released by the kernel even after kill -9.
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _lock.SetLength(0);
            using var writer = new StreamWriter(_lock, leaveOpen: true);
            writer.Write(Environment.ProcessId);
        }
        catch (IOException ex)
        {
            throw new StoreStartupException(
                $"data directory {_directory} is in use by another process (lock file {lockPath}); "
                + "stop it or choose another --data directory", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreStartupException($"data directory {_directory} is not writable: {ex.Message}", ex);
        }

        LogOpened(logger, _directory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public async Task<StoreStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_lock is null)
        {
            return StoreStatus.Unreachable($"embedded store at {_directory} is not open");
        }

        // A write, not a stat: a full or read-only file system must make the platform not ready.
        var probe = Path.Combine(_directory, ProbeFileName);
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
            return StoreStatus.Reachable($"embedded store at {_directory}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return StoreStatus.Unreachable($"embedded store at {_directory} is not writable: {ex.Message}");
        }
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Embedded store opened at {Directory}")]
    private static partial void LogOpened(ILogger logger, string directory);
}
