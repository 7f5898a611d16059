namespace DeepSeek.Observe.Scrape.Internal.Exposition;

internal ref partial struct ExpositionReader
{
    /// <summary>
    /// Checks a label block starting at <c>{</c> and returns the index after its <c>}</c>. Validation happens here,
    /// on every line, so the scraper may build labels from a cached copy of an identical block without re-checking.
    /// </summary>
    private readonly int SkipLabels(ReadOnlySpan<char> line, int i, bool strict)
    {
        i++;
        while (true)
        {
            i = SkipBlanks(line, i, strict);
            if (i < line.Length && line[i] == '}')
            {
                return i + 1;
            }

            var nameLength = LabelNameLength(line[i..]);
            if (nameLength == 0)
            {
                throw Fail($"expected a label name in \"{Excerpt(line)}\"");
            }

            i = SkipBlanks(line, i + nameLength, strict);
            if (i >= line.Length || line[i] != '=')
            {
                throw Fail($"expected '=' after label name \"{line.Slice(i - nameLength, nameLength).ToString()}\" in \"{Excerpt(line)}\"");
            }

            i = SkipBlanks(line, i + 1, strict);
            if (i >= line.Length || line[i] != '"')
            {
                throw Fail($"expected a quoted label value in \"{Excerpt(line)}\"");
            }

            i = SkipQuoted(line, i + 1);
            i = SkipBlanks(line, i, strict);
            if (i < line.Length && line[i] == ',')
            {
                i++;
                continue;
            }

            if (i < line.Length && line[i] == '}')
            {
                return i + 1;
            }

            throw Fail($"expected ',' or '}}' after a label value in \"{Excerpt(line)}\"");
        }
    }

    /// <summary>Returns the index after the closing quote of a value starting at <paramref name="i"/>.</summary>
    private readonly int SkipQuoted(ReadOnlySpan<char> line, int i)
    {
        while (i < line.Length)
        {
            var next = line[i..].IndexOfAny('"', '\\');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (line[i] == '"')
            {
                return i + 1;
            }

            i += 2;
        }

        throw Fail($"unterminated label value in \"{Excerpt(line)}\"");
    }
}
