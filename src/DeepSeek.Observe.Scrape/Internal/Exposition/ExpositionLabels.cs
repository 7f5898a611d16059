using System.Text;

namespace DeepSeek.Observe.Scrape.Internal.Exposition;

/// <summary>Extracts the labels of a series text the reader has already validated (<c>name{a="1",b="x\"y"}</c>).</summary>
internal static class ExpositionLabels
{
    public static void Read(ReadOnlySpan<char> series, int nameLength, List<KeyValuePair<string, string>> into)
    {
        var i = nameLength + 1;
        while (i < series.Length)
        {
            while (series[i] is ' ' or '\t' or ',')
            {
                i++;
            }

            if (series[i] == '}')
            {
                return;
            }

            var nameStart = i;
            while (series[i] is not ('=' or ' ' or '\t'))
            {
                i++;
            }

            var name = series[nameStart..i].ToString();
            i = series[i..].IndexOf('"') + i + 1;
            var valueStart = i;
            var escaped = false;
            while (series[i] != '"')
            {
                escaped |= series[i] == '\\';
                i += series[i] == '\\' ? 2 : 1;
            }

            var raw = series[valueStart..i];
            into.Add(KeyValuePair.Create(name, escaped ? Unescape(raw) : raw.ToString()));
            i++;
        }
    }

    /// <summary>
    /// <c>\\</c>, <c>\"</c> and <c>\n</c> are the escapes both formats define; like Prometheus, any other backslash
    /// sequence is kept as written.
    /// </summary>
    private static string Unescape(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                builder.Append(raw[i]);
                continue;
            }

            var next = raw[++i];
            switch (next)
            {
                case '\\': builder.Append('\\'); break;
                case '"': builder.Append('"'); break;
                case 'n': builder.Append('\n'); break;
                default: builder.Append('\\').Append(next); break;
            }
        }

        return builder.ToString();
    }
}
