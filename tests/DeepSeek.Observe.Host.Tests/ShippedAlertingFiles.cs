using System.Text.RegularExpressions;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// The shipped <c>alert-rules/*.yml</c> and <c>deploy/alertmanager/alertmanager.yml</c>, copied for a process test
/// with only their timings changed: the expressions, labels, annotations, routes and inhibit rules are the ones users
/// run. Rule timings are in wall-clock time (a <c>for: 3m</c> takes three real minutes whatever the data says), so a
/// test of seconds runs the rules' clock <see cref="TimeCompression"/> times faster.
/// </summary>
internal static partial class ShippedAlertingFiles
{
    /// <summary>How much faster group intervals and <c>for</c>/<c>keep_firing_for</c> durations run in the copies.</summary>
    public const int TimeCompression = 12;

    /// <summary>Copies every shipped rule file into <paramref name="directory"/>; returns the glob that loads them.</summary>
    public static string CopyRules(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = Directory.GetFiles(RepositoryLayout.PathOf("alert-rules"), "*.yml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = RuleTiming().Replace(File.ReadAllText(file), m => m.Groups["key"].Value + Compress(m.Groups["value"].Value));
            File.WriteAllText(Path.Combine(directory, Path.GetFileName(file)), text);
        }

        return Path.Combine(directory, "*.yml");
    }

    /// <summary>
    /// Writes the shipped Alertmanager configuration with its webhook URLs replaced by <paramref name="webhooks"/>
    /// (shipped URL → test URL) and every route notifying at once: group_wait 0s, group_interval 1s and
    /// <paramref name="repeatInterval"/>.
    /// </summary>
    public static string WriteNotificationConfig(string path, IReadOnlyDictionary<string, Uri> webhooks, TimeSpan repeatInterval)
    {
        var text = File.ReadAllText(RepositoryLayout.PathOf("deploy", "alertmanager", "alertmanager.yml"));
        foreach (var (shipped, url) in webhooks)
        {
            Assert.Contains(shipped, text, StringComparison.Ordinal);
            text = text.Replace(shipped, url.ToString(), StringComparison.Ordinal);
        }

        text = GroupWait().Replace(text, "${key}0s");
        text = GroupInterval().Replace(text, "${key}1s");
        text = RepeatInterval().Replace(text, "${key}" + PrometheusDuration.Format(repeatInterval));
        File.WriteAllText(path, text);
        return path;
    }

    private static string Compress(string value)
    {
        Assert.True(PrometheusDuration.TryParse(value, out var duration), $"'{value}' in a shipped rule file is not a duration");
        return PrometheusDuration.Format(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(duration.TotalMilliseconds / TimeCompression))));
    }

    [GeneratedRegex(@"(?<key>^\s*(?:interval|for|keep_firing_for):\s*)(?<value>[0-9][0-9a-z]*)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex RuleTiming();

    [GeneratedRegex(@"(?<key>^\s*group_wait:\s*)\S+", RegexOptions.Multiline)]
    private static partial Regex GroupWait();

    [GeneratedRegex(@"(?<key>^\s*group_interval:\s*)\S+", RegexOptions.Multiline)]
    private static partial Regex GroupInterval();

    [GeneratedRegex(@"(?<key>^\s*repeat_interval:\s*)\S+", RegexOptions.Multiline)]
    private static partial Regex RepeatInterval();
}
