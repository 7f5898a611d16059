namespace DeepSeek.Observe.Alerting.Tests.Delivery;

/// <summary>A fresh directory under the system temp directory, removed on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("observe-alerting-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp directory is cleaned by the OS anyway.
        }
    }
}
