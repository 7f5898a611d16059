using System.Globalization;

namespace DeepSeek.Observe.Testing;

/// <summary>
/// A PostgreSQL server of this test's own (initdb in a temporary directory, loopback, a free port), for tests that
/// stop and restart the server: the shared one from tests/run.sh must stay up for every other test. Runs as the
/// <c>postgres</c> account when the tests run as root, because the server refuses to run as root.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private readonly string _root;
    private readonly int _port;

    private PrivatePostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        _port = port;
    }

    /// <summary>Connection string of the server's superuser to the <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=observe;Database=postgres;Timeout=5";

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Creates and starts a fresh server.</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, CultureInfo.InvariantCulture))
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (tests/run.sh installs them)");
        var root = Directory.CreateTempSubdirectory("observe-private-pg-").FullName;
        var server = new PrivatePostgres(bin, root, FreePort.Next());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root]);
        }

        await server.AsServerAccountAsync("initdb", ["-D", server.DataDirectory, "-U", "observe", "--auth=trust", "--no-sync", "-E", "UTF8"]);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Stops the server at once (as a crash or an outage would: immediate shutdown, no checkpoint).</summary>
    public Task StopAsync() => AsServerAccountAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <summary>Starts the server again on the same port and data.</summary>
    public Task StartAgainAsync() => AsServerAccountAsync("pg_ctl",
    [
        "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=on", "start",
    ]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsServerAccountAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_root, recursive: true);
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var (exitCode, output, error) = await ChildProcess.RunAsync(file, arguments, s_timeout, workingDirectory);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {exitCode}: {error}{output}");
        }
    }

    private Task AsServerAccountAsync(string tool, IEnumerable<string> arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], _root)
            : RunAsync(Path.Combine(_bin, tool), arguments, _root);
}
