using System.Globalization;
using System.Text;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// The series notation of rule tests' <c>series</c> and <c>exp_samples[].labels</c>, as PromQL's metric parser reads
/// it: <c>name</c>, <c>name{a="b", c='d'}</c> or <c>{__name__="name", a="b"}</c>; only <c>=</c> (these name one
/// series, they do not select), strings double-, single- or back-quoted with Go's escapes, a trailing comma allowed.
/// Kept here rather than borrowed from the query component, which Alerting must not reference.
/// </summary>
public static class MetricLabels
{
    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="RuleTestFormatException"/> saying where it is malformed. An empty
    /// text or <c>{}</c> is the empty set (a scalar's expected sample); input series must refuse it themselves.
    /// </summary>
    public static LabelSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text);
        var labels = new List<KeyValuePair<string, string>>();
        reader.SkipBlanks();
        if (reader.AtEnd)
        {
            return LabelSet.Empty;
        }

        if (reader.Peek != '{')
        {
            labels.Add(KeyValuePair.Create(LabelNames.MetricName, reader.Name(metric: true)));
            reader.SkipBlanks();
        }

        if (!reader.AtEnd && reader.Peek == '{')
        {
            reader.Next();
            ReadLabels(reader, labels);
        }

        reader.SkipBlanks();
        if (!reader.AtEnd)
        {
            throw reader.Error($"unexpected \"{reader.Peek}\" after the series");
        }

        if (!LabelSet.TryCreate(labels, out var set, out var error))
        {
            throw new RuleTestFormatException($"{error} in \"{text}\"");
        }

        return set;
    }

    private static void ReadLabels(Reader reader, List<KeyValuePair<string, string>> labels)
    {
        while (true)
        {
            reader.SkipBlanks();
            if (reader.AtEnd)
            {
                throw reader.Error("unexpected end of input, expected \"}\"");
            }

            if (reader.Peek == '}')
            {
                reader.Next();
                return;
            }

            var name = reader.Name(metric: false);
            reader.SkipBlanks();
            if (reader.AtEnd || reader.Peek != '=')
            {
                throw reader.Error($"expected \"=\" after label name {name} (a series is named by equality only)");
            }

            reader.Next();
            if (!reader.AtEnd && reader.Peek is '=' or '~')
            {
                throw reader.Error($"unexpected \"{reader.Peek}\": a series is named by equality only");
            }

            reader.SkipBlanks();
            labels.Add(KeyValuePair.Create(name, reader.QuotedString()));
            reader.SkipBlanks();
            if (!reader.AtEnd && reader.Peek == ',')
            {
                reader.Next();
            }
            else if (reader.AtEnd || reader.Peek != '}')
            {
                throw reader.Error("expected \",\" or \"}\" after a label");
            }
        }
    }

    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public char Peek => text[_at];

        public void Next() => _at++;

        public void SkipBlanks()
        {
            while (!AtEnd && char.IsWhiteSpace(Peek))
            {
                _at++;
            }
        }

        public string Name(bool metric)
        {
            var start = _at;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek == '_' || (metric && Peek == ':')))
            {
                _at++;
            }

            var name = text[start.._at];
            var valid = metric ? LabelNames.IsValidMetricName(name) : LabelNames.IsValidLabelName(name);
            return valid ? name : throw ErrorAt(start, AtEnd && start == _at ? "unexpected end of input" : $"invalid {(metric ? "metric" : "label")} name at \"{text[start..Math.Min(text.Length, start + 16)]}\"");
        }

        public string QuotedString()
        {
            if (AtEnd || Peek is not ('"' or '\'' or '`'))
            {
                throw Error("expected a quoted label value");
            }

            var quote = Peek;
            var start = _at++;
            var value = new StringBuilder();
            while (!AtEnd && Peek != quote)
            {
                if (Peek == '\\' && quote != '`')
                {
                    _at++;
                    Escape(value, start);
                }
                else if (Peek == '\n' && quote != '`')
                {
                    throw Error("unterminated quoted string");
                }
                else
                {
                    value.Append(text[_at++]);
                }
            }

            if (AtEnd)
            {
                throw ErrorAt(start, "unterminated quoted string");
            }

            _at++;
            return value.ToString();
        }

        public RuleTestFormatException Error(string message) => ErrorAt(_at, message);

        // Go's escapes, as strconv.Unquote accepts them in PromQL strings.
        private void Escape(StringBuilder value, int stringStart)
        {
            if (AtEnd)
            {
                throw ErrorAt(stringStart, "unterminated quoted string");
            }

            var c = text[_at++];
            switch (c)
            {
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'v': value.Append('\v'); break;
                case '\\' or '"' or '\'': value.Append(c); break;
                case 'x': value.Append((char)Hex(2)); break;
                case 'u': value.Append(char.ConvertFromUtf32(Hex(4))); break;
                case 'U': value.Append(char.ConvertFromUtf32(Hex(8))); break;
                case >= '0' and <= '7':
                    _at--;
                    value.Append((char)Octal());
                    break;
                default:
                    throw ErrorAt(_at - 2, $"unknown escape sequence \"\\{c}\"");
            }
        }

        private int Hex(int digits)
        {
            if (_at + digits > text.Length
                || !int.TryParse(text.AsSpan(_at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            {
                throw Error("invalid escape sequence");
            }

            _at += digits;
            return code;
        }

        private int Octal()
        {
            if (_at + 3 > text.Length || text.AsSpan(_at, 3).ContainsAnyExceptInRange('0', '7'))
            {
                throw Error("invalid octal escape sequence");
            }

            var code = ((text[_at] - '0') * 64) + ((text[_at + 1] - '0') * 8) + (text[_at + 2] - '0');
            _at += 3;
            return code <= 255 ? code : throw Error("octal escape value over 255");
        }

        private RuleTestFormatException ErrorAt(int at, string message) =>
            new($"column {at + 1} of \"{text}\": {message}");
    }
}
