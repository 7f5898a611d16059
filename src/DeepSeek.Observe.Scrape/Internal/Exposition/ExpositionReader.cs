using System.Runtime.CompilerServices;

namespace DeepSeek.Observe.Scrape.Internal.Exposition;

/// <summary>
/// A forward-only reader of the Prometheus text format 0.0.4 and OpenMetrics 1.0 text over the decoded body: one
/// pass, no allocation per line. Metadata lines are checked and handed to an <see cref="ExpositionMetadata"/>, exemplars are
/// checked and skipped, and anything malformed throws <see cref="ExpositionFormatException"/> naming the line.
/// Syntax follows Prometheus 2.42's parsers: 0.0.4 tolerates extra blanks, OpenMetrics requires single spaces and a
/// final <c># EOF</c>.
/// </summary>
internal ref partial struct ExpositionReader
{
    private readonly ReadOnlySpan<char> _text;
    private readonly bool _openMetrics;
    private readonly ExpositionMetadata? _metadata;
    private int _position;
    private bool _sawEof;

    /// <param name="text">The decoded body.</param>
    /// <param name="format">Its format.</param>
    /// <param name="metadata">Where <c># TYPE</c>, <c># HELP</c> and <c># UNIT</c> go, if anywhere.</param>
    public ExpositionReader(ReadOnlySpan<char> text, ExpositionFormat format, ExpositionMetadata? metadata = null)
    {
        _text = text;
        _openMetrics = format == ExpositionFormat.OpenMetrics;
        _metadata = metadata;
    }

    /// <summary>The 1-based number of the line last read.</summary>
    public int Line { get; private set; }

    /// <summary>Reads the next sample; false at the end of the exposition.</summary>
    public bool TryRead(out ExpositionSample sample)
    {
        while (true)
        {
            if (_position >= _text.Length)
            {
                if (_openMetrics && !_sawEof)
                {
                    throw new ExpositionFormatException("data does not end with # EOF");
                }

                sample = default;
                return false;
            }

            if (_sawEof)
            {
                throw Fail("unexpected data after # EOF");
            }

            var rest = _text[_position..];
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            _position += end < 0 ? rest.Length : end + 1;
            Line++;

            if (_openMetrics ? TryReadOpenMetricsLine(line, out sample) : TryReadTextLine(line, out sample))
            {
                return true;
            }
        }
    }

    private bool TryReadTextLine(ReadOnlySpan<char> line, out ExpositionSample sample)
    {
        sample = default;
        line = line.TrimStart(" \t");
        if (line.IsEmpty)
        {
            return false;
        }

        if (line[0] == '#')
        {
            ReadTextComment(line[1..].TrimStart(" \t"));
            return false;
        }

        sample = ReadSample(line, strict: false);
        return true;
    }

    private bool TryReadOpenMetricsLine(ReadOnlySpan<char> line, out ExpositionSample sample)
    {
        sample = default;
        if (line.IsEmpty)
        {
            throw Fail("empty line (OpenMetrics allows none)");
        }

        if (line[0] == '#')
        {
            ReadOpenMetricsComment(line);
            return false;
        }

        sample = ReadSample(line, strict: true);
        return true;
    }

    /// <summary><c>name{labels} value [timestamp]</c>, then for OpenMetrics an optional <c> # exemplar</c>.</summary>
    private readonly ExpositionSample ReadSample(ReadOnlySpan<char> line, bool strict)
    {
        var nameLength = MetricNameLength(line);
        if (nameLength == 0)
        {
            throw Fail($"expected a metric name, got \"{Excerpt(line)}\"");
        }

        var i = nameLength;
        if (i < line.Length && line[i] == '{')
        {
            i = SkipLabels(line, i, strict);
        }

        var series = line[..i];
        i = SkipSeparator(line, i, strict, "the value");
        var valueToken = Token(line, i);
        if (!ExpositionValues.TryParseFloat(valueToken, out var value))
        {
            throw Fail($"invalid value \"{Excerpt(valueToken)}\" for {Excerpt(series)}");
        }

        i += valueToken.Length;
        long timestamp = 0;
        var hasTimestamp = false;
        if (!AtEnd(line, i, strict))
        {
            i = SkipSeparator(line, i, strict, "a timestamp");
            if (strict && line[i] == '#')
            {
                SkipExemplar(line, i);
                return new ExpositionSample(series, nameLength, value, 0, false);
            }

            var timestampToken = Token(line, i);
            hasTimestamp = strict
                ? ExpositionValues.TryParseSeconds(timestampToken, out timestamp)
                : ExpositionValues.TryParseMilliseconds(timestampToken, out timestamp);
            if (!hasTimestamp)
            {
                throw Fail($"invalid timestamp \"{Excerpt(timestampToken)}\" for {Excerpt(series)}");
            }

            i += timestampToken.Length;
            if (!AtEnd(line, i, strict))
            {
                if (!strict || !line[i..].StartsWith(" #", StringComparison.Ordinal))
                {
                    throw Fail($"unexpected \"{Excerpt(line[i..])}\" after the timestamp of {Excerpt(series)}");
                }

                SkipExemplar(line, i + 1);
            }
        }

        return new ExpositionSample(series, nameLength, value, timestamp, hasTimestamp);
    }

    /// <summary>Checks an OpenMetrics exemplar (<c># {labels} value [timestamp]</c>) and drops it: the store keeps none.</summary>
    private readonly void SkipExemplar(ReadOnlySpan<char> line, int i)
    {
        if (!line[i..].StartsWith("# {", StringComparison.Ordinal))
        {
            throw Fail($"invalid exemplar \"{Excerpt(line[i..])}\"");
        }

        i = SkipLabels(line, i + 2, strict: true);
        i = SkipSeparator(line, i, strict: true, "the exemplar value");
        var value = Token(line, i);
        if (!ExpositionValues.TryParseFloat(value, out _))
        {
            throw Fail($"invalid exemplar value \"{Excerpt(value)}\"");
        }

        i += value.Length;
        if (i < line.Length)
        {
            i = SkipSeparator(line, i, strict: true, "the exemplar timestamp");
            var timestamp = Token(line, i);
            if (!ExpositionValues.TryParseSeconds(timestamp, out _) || i + timestamp.Length != line.Length)
            {
                throw Fail($"invalid exemplar timestamp \"{Excerpt(line[i..])}\"");
            }
        }
    }

    private static bool AtEnd(ReadOnlySpan<char> line, int i, bool strict) =>
        strict ? i >= line.Length : line[i..].TrimEnd(" \t").IsEmpty;

    private readonly int SkipSeparator(ReadOnlySpan<char> line, int i, bool strict, string what)
    {
        if (i >= line.Length || line[i] is not (' ' or '\t') || (strict && line[i] != ' '))
        {
            throw Fail($"expected a space before {what} in \"{Excerpt(line)}\"");
        }

        if (strict)
        {
            return line.Length > i + 1 && line[i + 1] != ' ' ? i + 1 : throw Fail($"expected {what} after one space in \"{Excerpt(line)}\"");
        }

        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static ReadOnlySpan<char> Token(ReadOnlySpan<char> line, int i)
    {
        var rest = line[i..];
        var end = rest.IndexOfAny(' ', '\t');
        return end < 0 ? rest : rest[..end];
    }

    private static int MetricNameLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !(char.IsAsciiLetter(text[0]) || text[0] is '_' or ':'))
        {
            return 0;
        }

        var i = 1;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or ':'))
        {
            i++;
        }

        return i;
    }

    private static int LabelNameLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !(char.IsAsciiLetter(text[0]) || text[0] == '_'))
        {
            return 0;
        }

        var i = 1;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i;
    }

    private readonly ExpositionFormatException Fail(string message) => new($"line {Line}: {message}");

    private static string Excerpt(ReadOnlySpan<char> text) => text.Length <= 80 ? text.ToString() : string.Concat(text[..80], "…");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipBlanks(ReadOnlySpan<char> text, int i, bool strict)
    {
        if (!strict)
        {
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
        }

        return i;
    }
}
