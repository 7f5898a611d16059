using System.Reflection;

namespace DeepSeek.Observe.Testing;

/// <summary>Paths in the repository, found from the test assembly's location.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DeepSeek.Observe.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No DeepSeek.Observe.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>The build configuration the tests were built in (Debug or Release), to find sibling outputs.</summary>
    public static string Configuration =>
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>A path under the root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The built <c>deepseek-observe.dll</c> of the same configuration.</summary>
    public static string HostAssembly => PathOf("src", "DeepSeek.Observe.Host", "bin", Configuration, "net10.0", "deepseek-observe.dll");
}
