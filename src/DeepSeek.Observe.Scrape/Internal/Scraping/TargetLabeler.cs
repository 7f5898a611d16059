using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>
/// Merges a scraped series' labels with its target's, by Prometheus 2.42's rules. With honor_labels the scraped value
/// wins; without it the target's wins and the scraped one is kept as <c>exported_&lt;name&gt;</c> (prefixed again
/// until the name is free). External labels are added last, only where the series has no such label.
/// </summary>
internal static class TargetLabeler
{
    private const string ExportedPrefix = "exported_";

    /// <summary>Rewrites <paramref name="labels"/> (the scraped ones, <c>__name__</c> included) in place.</summary>
    public static void Apply(List<KeyValuePair<string, string>> labels, LabelSet targetLabels, bool honorLabels)
    {
        if (honorLabels)
        {
            foreach (var label in targetLabels)
            {
                if (IndexOf(labels, label.Name, labels.Count) < 0)
                {
                    labels.Add(KeyValuePair.Create(label.Name, label.Value));
                }
            }

            return;
        }

        var scrapedCount = labels.Count;
        List<KeyValuePair<string, string>>? conflicts = null;
        foreach (var label in targetLabels)
        {
            var index = IndexOf(labels, label.Name, scrapedCount);
            if (index < 0)
            {
                labels.Add(KeyValuePair.Create(label.Name, label.Value));
                continue;
            }

            if (labels[index].Value.Length > 0)
            {
                (conflicts ??= []).Add(labels[index]);
            }

            labels[index] = KeyValuePair.Create(label.Name, label.Value);
        }

        if (conflicts is null)
        {
            return;
        }

        // Shorter names first, so "job" claims "exported_job" before "exported_job" itself is renamed.
        conflicts.Sort(static (a, b) => a.Key.Length.CompareTo(b.Key.Length));
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scrapedCount; i++)
        {
            taken.Add(labels[i].Key);
        }

        foreach (var label in targetLabels)
        {
            taken.Add(label.Name);
        }

        foreach (var (name, value) in conflicts)
        {
            var renamed = name;
            do
            {
                renamed = ExportedPrefix + renamed;
            }
            while (!taken.Add(renamed));

            labels.Add(KeyValuePair.Create(renamed, value));
        }
    }

    /// <summary>Adds each external label the series does not carry.</summary>
    public static void AddExternal(List<KeyValuePair<string, string>> labels, IReadOnlyList<Label> externalLabels)
    {
        var count = labels.Count;
        foreach (var label in externalLabels)
        {
            var index = IndexOf(labels, label.Name, count);
            if (index < 0 || labels[index].Value.Length == 0)
            {
                labels.Add(KeyValuePair.Create(label.Name, label.Value));
                if (index >= 0)
                {
                    labels.RemoveAt(index);
                    count--;
                }
            }
        }
    }

    private static int IndexOf(List<KeyValuePair<string, string>> labels, string name, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(labels[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
