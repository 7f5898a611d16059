using System.Globalization;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>Naming of numbered segment files (<c>00000000</c>, <c>00000001</c>, …).</summary>
internal static class SegmentFiles
{
    private const int NameDigits = 8;

    /// <summary>The segment number a file name denotes, or -1 for any other file.</summary>
    public static int ParseIndex(string name) =>
        name.Length == NameDigits && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;

    public static string PathOf(string directory, int index) => Path.Combine(directory, index.ToString("D8", CultureInfo.InvariantCulture));

}
