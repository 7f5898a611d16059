using System.Diagnostics;
using System.Text;

namespace DeepSeek.Observe.Testing;

/// <summary>
/// A child process with captured output, killed (whole tree) on dispose so a failed test leaves nothing running.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(
        string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new ChildProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Starts <c>deepseek-observe</c> (the built host of this configuration) with <paramref name="arguments"/>.</summary>
    public static ChildProcess StartHost(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        Start("dotnet", [RepositoryLayout.HostAssembly, .. arguments], workingDirectory, environment);

    /// <summary>Runs a process to completion within <paramref name="timeout"/> and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, string? standardInput = null)
    {
        await using var process = Start(fileName, arguments, workingDirectory);
        if (standardInput is not null)
        {
            await process._process.StandardInput.WriteAsync(standardInput);
        }

        process._process.StandardInput.Close();
        var exitCode = await process.WaitForExitAsync(timeout);
        return (exitCode, process.StandardOutput, process.StandardError);
    }

    /// <summary>Waits for exit; throws <see cref="TimeoutException"/> with the output so far when it takes too long.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"{_process.StartInfo.FileName} did not exit within {timeout}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }

        // The parameterless wait also drains the redirected streams, so the output is complete here.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as Kubernetes and systemd do to stop a container or unit.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as with kill -9 or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
