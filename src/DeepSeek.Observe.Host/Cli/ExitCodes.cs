namespace DeepSeek.Observe.Host.Cli;

/// <summary>Process exit codes, following the usual Unix convention.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed (a server unreachable, a port in use).</summary>
    public const int Failure = 1;

    /// <summary>The command line or configuration is wrong; nothing was started.</summary>
    public const int Usage = 2;
}
